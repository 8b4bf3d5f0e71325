package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.agent.QLearningAgent;
import io.github.metaqnn4j.agent.QLearningSettings;
import io.github.metaqnn4j.agent.ReplayMemory;
import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.controller.ChoiceSpace;
import io.github.metaqnn4j.controller.ControllerPool;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.StoredModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A MetaQNN search (the paper's Algorithm 1): for every model of the epsilon schedule, the agent
 * samples an architecture; a new one is evaluated, one seen before gets its stored reward; the
 * experience goes into replay memory and the agent replays {@code K} samples from it. {@link
 * #controller(StateSpace)} runs the same loop with policy-gradient controllers designing instead
 * (Zoph & Le): each reward goes to the controller that drew it, which takes a REINFORCE step per
 * batch.
 *
 * <p>Iteration {@code i} draws its random numbers from a stream derived from the seed and {@code i}
 * alone, so a run is reproducible from its seed. Evaluations run on {@link Workers}; the store is
 * kept by a {@link Journal}.
 *
 * <pre>{@code
 * var result = Search.qLearning(StateSpace.small().build())
 *     .evaluator(SyntheticEvaluator.towards(Architecture.parse("[C(16,5,1), P(2,2), SM(10)]")))
 *     .schedule(EpsilonSchedule.paper().scaledTo(200))
 *     .seed(42)
 *     .run();
 * }</pre>
 */
public final class Search {
  /** The Q values are stored every this many iterations, and at the end. */
  static final int Q_SNAPSHOT_EVERY = 10;

  private final StateSpace space;
  private final Evaluator evaluator;
  private final EpsilonSchedule schedule;
  private final QLearningSettings learning;
  private final long seed;
  private final Reward reward;
  private final double failureReward;
  private final EarlyStoppingPolicy earlyStopping;
  private final StoppingRule stoppingRule;
  private final int maxResamples;
  private final boolean scheduleCountsSamples;
  private final int maxFailures;
  private final Map<String, Object> extraSettings;
  private final List<SearchListener> listeners = new ArrayList<>();

  private final ControllerSettings controllerSettings;
  private final ChoiceSpace choices;
  private final Designer designer;
  private final Rng root;
  private final Workers workers;
  private final Journal journal;
  private final List<ModelRecord> history = new ArrayList<>();
  private final Map<Architecture, Pending> firstSample = new HashMap<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Map<Integer, Evaluation> restoring = new HashMap<>();
  private int restored;
  private int sampled;
  private int uniqueSampled;
  private int modelsDone;
  private int resamplesInARow;
  private int failuresInARow;
  private ModelRecord firstFailure;
  private boolean samplingEnded;
  private SearchResult.Status endStatus;
  private String endMessage = "";

  Search(SearchBuilder b) {
    this.space = b.space;
    this.evaluator = Objects.requireNonNull(b.evaluator, "an evaluator is required: .evaluator(…)");
    evaluator.check(space);
    this.controllerSettings = b.controller;
    this.choices = b.choices;
    // a controller has no epsilon: its models are recorded at 0, the schedule only counts them
    this.schedule =
        controllerSettings == null ? b.schedule : EpsilonSchedule.start(0, b.schedule.total());
    this.learning = b.learning;
    this.seed = b.seed;
    this.reward = b.reward;
    this.failureReward = b.failureReward;
    this.earlyStopping = b.earlyStopping;
    this.stoppingRule = earlyStopping.newRule();
    this.maxResamples = b.maxResamples;
    this.scheduleCountsSamples = b.scheduleCountsSamples;
    this.maxFailures = b.maxFailures;
    this.extraSettings = Map.copyOf(b.settings);
    this.listeners.addAll(b.listeners);
    this.workers = new Workers(b.workers);
    this.designer =
        controllerSettings == null
            ? new QLearningDesigner(
                new QLearningAgent(space, learning), new ReplayMemory(space.graph()))
            : new ControllerDesigner(
                choices != null
                    ? ControllerPool.on(choices, controllerSettings, seed)
                    : ControllerPool.on(space, controllerSettings, seed));
    this.root = Rng.of(seed);
    this.journal =
        b.storeFile == null
            ? Journal.none()
            : Journal.open(b.storeFile, b.durability, settings(), Provenance.of(evaluator));
    try {
      restore(journal.stored());
    } catch (RuntimeException e) {
      journal.ended(SearchResult.Status.FAILED, "cannot resume: " + e.getMessage());
      throw e;
    }
    if (!b.quiet) {
      listeners.addAll(ListenerProvider.all(this));
    }
  }

  /**
   * The settings that decide the search's sequence, as a JSON-like tree: stored with it, and
   * compared field by field when a store is resumed.
   */
  public Map<String, Object> settings() {
    Map<String, Object> s = new TreeMap<>();
    s.put("space", space.settings());
    s.put("schedule", schedule.stages());
    if (controllerSettings == null) {
      s.put("learning", learning);
    } else {
      s.put("agent", "controller");
      s.put("controller", controllerSettings);
      if (choices != null) {
        s.put("choices", choices.notation());
      }
    }
    s.put("seed", seed);
    s.put("reward", reward.name());
    s.put("failureReward", failureReward);
    s.put("maxResamples", maxResamples);
    if (scheduleCountsSamples) {
      s.put("scheduleCounts", "samples");
    }
    s.put("workers", workers.count());
    s.put("evaluator", evaluator.settings());
    s.put("earlyStopping", earlyStopping.settings());
    s.putAll(extraSettings);
    return s;
  }

  /** Replays stored iterations: the same samples, the stored evaluations, no evaluator calls. */
  private void restore(List<StoredModel> models) {
    for (StoredModel m : models) {
      while (sampled - history.size() >= workers.count()) {
        learnFromOldest(false);
      }
      restoring.put(m.iteration(), fromStored(m));
      sampleNext();
      Pending p = pending.peekLast();
      if (p.iteration() != m.iteration()
          || !p.architecture().toString().equals(m.architecture())
          || p.reused() != m.reused()) {
        throw journal.mismatch(m.iteration(), p.architecture().toString(), m.architecture());
      }
    }
    restoring.clear();
    restored = models.size();
  }

  private static Evaluation fromStored(StoredModel m) {
    return new Evaluation(
        m.curve(), Evaluation.Status.valueOf(m.status()), m.reason(), m.seconds(), m.metrics());
  }

  /** Starts configuring a Q-learning search over {@code space}. */
  public static SearchBuilder qLearning(StateSpace space) {
    return new SearchBuilder(Objects.requireNonNull(space, "space"), null);
  }

  /**
   * Starts configuring a policy-gradient search (Zoph & Le's controller RNN, {@link
   * ControllerSettings#defaults()} unless {@code .controller(settings)}) that walks the MetaQNN
   * state space {@code space}: the same architectures Q-learning can design. Set its length with
   * {@code .models(n)}.
   */
  public static SearchBuilder controller(StateSpace space) {
    return new SearchBuilder(Objects.requireNonNull(space, "space"), null)
        .controller(ControllerSettings.defaults());
  }

  /**
   * Starts configuring a policy-gradient search over a choice space in the style of the
   * controller-RNN code: one decision per choice per layer.
   *
   * <pre>{@code
   * var space = ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
   * Search.controller(space).evaluator(evaluator).models(100).seed(1).run();
   * }</pre>
   */
  public static SearchBuilder controller(ChoiceSpace space) {
    Objects.requireNonNull(space, "space");
    return new SearchBuilder(space.stateSpace(), space).controller(ControllerSettings.defaults());
  }

  public StateSpace space() {
    return space;
  }

  public EpsilonSchedule schedule() {
    return schedule;
  }

  public QLearningSettings learning() {
    return learning;
  }

  public long seed() {
    return seed;
  }

  /**
   * The Q-learning agent (its Q table changes as the search runs).
   *
   * @throws IllegalStateException for a controller search: see {@link #controllers()}
   */
  public QLearningAgent agent() {
    return qLearning().agent();
  }

  /**
   * The replay memory so far.
   *
   * @throws IllegalStateException for a controller search
   */
  public ReplayMemory memory() {
    return qLearning().memory();
  }

  private QLearningDesigner qLearning() {
    if (designer instanceof QLearningDesigner q) {
      return q;
    }
    throw new IllegalStateException(
        "this search designs with a controller, not Q-learning: see controllers()");
  }

  /** The controllers of a policy-gradient search; empty for a Q-learning search. */
  public Optional<ControllerPool> controllers() {
    return designer instanceof ControllerDesigner c ? Optional.of(c.pool()) : Optional.empty();
  }

  /** The number of unique models evaluated so far. */
  public int modelsDone() {
    return modelsDone;
  }

  /** The number of evaluations that may run at once. */
  public int workers() {
    return workers.count();
  }

  /** The number of iterations learned from so far, re-samples included. */
  public int iteration() {
    return history.size();
  }

  /** Whether the search has ended. */
  public boolean isDone() {
    return endStatus != null;
  }

  /**
   * Runs every remaining iteration and returns the result. With {@code workers(n)}, up to n models
   * are evaluated at once: iteration i is sampled once the results of iterations up to i - n have
   * been learned from, in order, so the result does not depend on which evaluation ends first.
   *
   * @throws SearchFailedException when {@code maxFailuresInARow} models failed in a row; the store
   *     records the end and its reason, as it does for any exception that ends the search
   */
  public SearchResult run() {
    if (!isDone()) {
      listeners.forEach(l -> l.searchStarted(this));
    }
    workers.start();
    try {
      while (!samplingEnded) {
        if (Thread.currentThread().isInterrupted()) {
          end(SearchResult.Status.INTERRUPTED, "interrupted after " + modelsDone + " models");
          break;
        }
        while (sampled - history.size() >= workers.count()) {
          learnFromOldest(true);
        }
        sampleNext();
      }
      while (!pending.isEmpty()) {
        learnFromOldest(true);
      }
    } catch (Workers.Interrupted e) {
      // the models still training are dropped; a resumed search samples them again
      pending.clear();
      end(SearchResult.Status.INTERRUPTED, "interrupted after " + modelsDone + " models");
    } catch (RuntimeException | Error e) {
      failed(e);
      throw e;
    } finally {
      workers.stop();
    }
    return finish();
  }

  /**
   * Runs one iteration: sample, evaluate (or reuse), remember, replay; evaluations run on the
   * calling thread.
   *
   * @return the record of the iteration
   * @throws IllegalStateException when the search has ended
   */
  public ModelRecord step() {
    if (isDone()) {
      throw new IllegalStateException("the search has ended: " + endStatus);
    }
    ModelRecord last = null;
    try {
      sampleNext();
      while (!pending.isEmpty()) {
        last = learnFromOldest(true);
      }
    } catch (RuntimeException | Error e) {
      failed(e);
      throw e;
    }
    if (isDone()) {
      finish();
    }
    return last;
  }

  private SearchResult finish() {
    SearchResult result = result();
    journal.ended(result.status(), result.message());
    listeners.forEach(l -> l.searchFinished(result));
    return result;
  }

  /** Ends the search on {@code e}: the store records why, the listeners hear of it. */
  private void failed(Throwable e) {
    pending.clear();
    samplingEnded = true;
    if (!(e instanceof SearchFailedException)) {
      end(SearchResult.Status.FAILED, "ended by " + Evaluation.describe(e));
    }
    try {
      finish();
    } catch (RuntimeException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  private void end(SearchResult.Status status, String message) {
    samplingEnded = true;
    endStatus = status;
    endMessage = message;
  }

  /** One sampled iteration waiting for its evaluation (or for the one it reuses). */
  private record Pending(
      int iteration,
      Architecture architecture,
      double epsilon,
      Rng rng,
      CompletableFuture<Evaluation> evaluation,
      boolean reused) {}

  private void sampleNext() {
    double epsilon = schedule.epsilonAt(scheduleProgress());
    Rng rng = root.derive(sampled);
    Architecture arch = designer.sample(sampled, epsilon, rng);
    long modelSeed = rng.nextLong();
    Pending first = firstSample.get(arch);
    Pending p;
    if (first != null) {
      p = new Pending(sampled, arch, epsilon, rng, first.evaluation(), true);
      resamplesInARow++;
    } else {
      int it = sampled;
      Evaluation stored = restoring.get(it);
      CompletableFuture<Evaluation> future =
          stored != null ? CompletableFuture.completedFuture(stored) : submit(arch, it, modelSeed);
      p = new Pending(sampled, arch, epsilon, rng, future, false);
      firstSample.put(arch, p);
      uniqueSampled++;
      resamplesInARow = 0;
    }
    pending.add(p);
    sampled++;
    if (scheduleProgress() >= schedule.total()) {
      samplingEnded = true;
    } else if (resamplesInARow >= maxResamples) {
      end(
          SearchResult.Status.EXHAUSTED,
          maxResamples
              + " iterations in a row sampled architectures already evaluated; "
              + uniqueSampled
              + " of "
              + schedule.total()
              + " models done. Use a larger space or a shorter schedule.");
    }
  }

  /** The models the schedule has counted: new ones, or every sample. */
  private int scheduleProgress() {
    return scheduleCountsSamples ? sampled : uniqueSampled;
  }

  private ModelRecord learnFromOldest(boolean announce) {
    Pending p = pending.poll();
    Evaluation e = Workers.join(p.evaluation());
    double r = rewardOf(e);
    ModelRecord record =
        new ModelRecord(
            p.iteration(),
            p.reused() ? -1 : modelsDone,
            p.architecture(),
            p.epsilon(),
            e,
            r,
            p.reused());
    if (!p.reused()) {
      modelsDone++;
      stoppingRule.learn(p.architecture(), e);
    }
    designer.learn(p.iteration(), p.architecture(), r, p.epsilon(), p.rng());
    history.add(record);
    if (samplingEnded && pending.isEmpty() && endStatus == null) {
      endStatus = SearchResult.Status.COMPLETED;
    }
    if (announce && record.iteration() >= restored) {
      designer.journal(journal, record, isDone());
      listeners.forEach(l -> l.modelFinished(record));
    }
    countFailures(record);
    return record;
  }

  /** The reward: the failure reward, a stopped model's predicted final accuracy, or the curve's. */
  private double rewardOf(Evaluation e) {
    if (e.failed()) {
      return failureReward;
    }
    Double predicted = e.metrics().get(Evaluation.PREDICTED_FINAL);
    return predicted != null ? Math.max(0, Math.min(1, predicted)) : reward.of(e);
  }

  /** Ends the search when {@code maxFailures} new models in a row failed: a broken setup. */
  private void countFailures(ModelRecord record) {
    if (record.reused()) {
      return;
    }
    if (!record.evaluation().failed()) {
      failuresInARow = 0;
      firstFailure = null;
      return;
    }
    if (failuresInARow++ == 0) {
      firstFailure = record;
    }
    if (failuresInARow >= maxFailures && record.iteration() >= restored) {
      String why =
          failuresInARow
              + " models failed in a row; the first, "
              + firstFailure.architecture()
              + " (iteration "
              + firstFailure.iteration()
              + "), failed with: "
              + firstFailure.evaluation().reason();
      end(SearchResult.Status.FAILED, why);
      throw new SearchFailedException(why + ". Check the setup; maxFailuresInARow sets the limit.");
    }
  }

  /** The result so far (complete once {@link #isDone()}). */
  public SearchResult result() {
    return new SearchResult(
        space,
        schedule,
        seed,
        history,
        designer.qValues(),
        designer.choiceProbabilities(),
        designer.greedy(),
        endStatus == null ? SearchResult.Status.INTERRUPTED : endStatus,
        endStatus == null ? "still running" : endMessage);
  }

  /** Starts an evaluation with the stopping rule as it stands now (see StoppingRule#frozen). */
  private CompletableFuture<Evaluation> submit(Architecture arch, int it, long modelSeed) {
    StoppingRule rule = stoppingRule.frozen();
    return workers.submit(() -> evaluate(arch, it, modelSeed, rule));
  }

  private Evaluation evaluate(Architecture arch, int it, long modelSeed, StoppingRule rule) {
    var context =
        new EvaluationContext(
            arch,
            it,
            modelSeed,
            WorkerThreads.current(),
            rule,
            epoch -> listeners.forEach(l -> l.epochFinished(it, arch, epoch)));
    Evaluation e = Workers.evaluate(evaluator, arch, context);
    if (e.status() != Evaluation.Status.STOPPED_EARLY || !context.stopped()) {
      return e;
    }
    return new Evaluation(e.curve(), e.status(), context.stopReason(), e.seconds(), e.metrics())
        .withMetrics(context.stopMetrics());
  }
}
