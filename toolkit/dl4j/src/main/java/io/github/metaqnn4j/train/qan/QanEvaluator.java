package io.github.metaqnn4j.train.qan;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.train.TrainingScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains each architecture of a search with a learned QAN controller setting its learning rate
 * (greedily), in place of a fixed schedule: {@code settings.epochs()} epochs, the validation
 * accuracy reported after each. The observation has the same length for every architecture, so the
 * controller, learned on one network, can train any; how well it transfers is for the user to
 * measure.
 */
final class QanEvaluator implements Evaluator {
  private final Dqn policy;
  private final Splits data;
  private final TrainingScheme scheme;
  private final QanSettings settings;

  QanEvaluator(Dqn policy, Splits data, TrainingScheme scheme, QanSettings settings) {
    this.policy = policy;
    this.data = data;
    this.scheme = scheme;
    this.settings = settings;
  }

  @Override
  public Evaluation evaluate(Architecture architecture, EvaluationContext context) {
    long start = System.nanoTime();
    long epochStart = start;
    try (var env = new TrainingEnvironment(architecture, data, scheme, settings)) {
      double[] s = env.reset(context.seed(), null);
      int epoch = 0;
      for (int t = 0; t < env.steps(); t++) {
        TrainingEnvironment.Step step = env.step(policy.greedy(s));
        if (!Double.isFinite(step.trainingLoss())) {
          return Evaluation.failed(
              "diverged: the training loss became "
                  + step.trainingLoss()
                  + " at learning rate "
                  + step.learningRate(),
              seconds(start));
        }
        if (step.epochs() >= epoch + 1 - 1e-9 || step.done()) {
          epoch++;
          long now = System.nanoTime();
          boolean go =
              context.epochDone(
                  new Epoch(
                      epoch,
                      step.validationAccuracy(),
                      step.trainingLoss(),
                      (now - epochStart) / 1e9));
          epochStart = now;
          if (!go) {
            return Evaluation.stoppedEarly(context.curve(), seconds(start));
          }
        }
        s = step.observation();
      }
      return Evaluation.completed(context.curve(), seconds(start));
    } catch (RuntimeException | OutOfMemoryError e) {
      return Evaluation.failedBy(e, seconds(start));
    }
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "qan");
    s.put("training", scheme.toString());
    s.put("qan", settings.toString());
    s.put("policy", Integer.toHexString(Arrays.hashCode(policy.parameters().toDoubleVector())));
    s.put("data", data.description());
    return s;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
