package io.github.metaqnn4j.train.qan;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoredEpisode;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * QAN (Fu et al. 2016): a DQN that sets the learning rate while a network trains. Each episode
 * trains {@code architecture} from a fresh initialisation (seed + episode; the seed itself with
 * {@code settings.sameStartEachEpisode()}) for {@code settings.epochs()}; every {@code stepBatches}
 * mini-batches the agent multiplies the learning rate by one of the multipliers, epsilon-greedy on
 * its Q values, and learns from replayed transitions (one DQN update per step, a target network).
 * With a store, every episode and the agent's state after it are kept: an interrupted run, or one
 * given more episodes, continues where it ended.
 *
 * <pre>{@code
 * var data = Datasets.fashionMnist().validation(1000).subsample(6000).seed(1).load();
 * QanResult qan = Qan.on(data)
 *     .architecture("[C(32,3,1), P(2,2), C(64,3,1), P(2,2), FC(128), SM(10)]")
 *     .episodes(20).seed(1).store("runs/qan.db")
 *     .run();
 * qan.learningRateChart();     // the rate chosen over time, per episode
 * }</pre>
 */
public final class Qan {
  private final Splits data;
  private Architecture architecture;
  private TrainingScheme scheme = TrainingScheme.paper().dropout(false);
  private QanSettings settings = QanSettings.defaults();
  private int episodes = 20;
  private long seed;
  private Path store;
  private final List<QanListener> listeners = new ArrayList<>();

  private Qan(Splits data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  /** Starts configuring a QAN run on {@code data} (train, validation). */
  public static Qan on(Splits data) {
    return new Qan(data);
  }

  /** The network every episode trains. */
  public Qan architecture(Architecture architecture) {
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    return this;
  }

  /** The network every episode trains, in the paper's notation. */
  public Qan architecture(String notation) {
    return architecture(Architecture.parse(notation));
  }

  /**
   * Adam's betas, the batch size and dropout (default: the paper's, dropout off); the learning rate
   * is the agent's.
   */
  public Qan scheme(TrainingScheme scheme) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    return this;
  }

  public Qan settings(QanSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Episodes in all (default 20); a stored run continues up to this many. */
  public Qan episodes(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("episodes must be at least 1, got " + count);
    }
    this.episodes = count;
    return this;
  }

  public Qan seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Keeps every episode and the agent's state in this SQLite file, and resumes from it. */
  public Qan store(Path file) {
    this.store = Objects.requireNonNull(file, "file");
    return this;
  }

  public Qan store(String file) {
    return store(Path.of(file));
  }

  public Qan listener(QanListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * What decides the run's episodes, stored with it and compared when it is resumed (the number of
   * episodes is not: a run may be extended).
   */
  public Map<String, Object> settingsTree() {
    Map<String, Object> s = new TreeMap<>();
    s.put("agent", "qan");
    s.put("architecture", architecture == null ? "" : architecture.toString());
    s.put("data", data.description());
    s.put("scheme", scheme.toString());
    s.put("qan", settings.toString());
    s.put("seed", seed);
    return s;
  }

  /** The seed of episode {@code episode}'s initial weights: the run's, or the run's + episode. */
  long startSeed(int episode) {
    return settings.sameStart() ? seed : seed + episode;
  }

  /**
   * Runs the remaining episodes; an interrupt ends it after the current step, keeping the episodes
   * done.
   *
   * @throws IllegalStateException without an architecture
   * @throws io.github.metaqnn4j.store.StoreException when the store holds another run
   */
  public QanResult run() {
    if (architecture == null) {
      throw new IllegalStateException("give the network to train: .architecture(\"[...]\")");
    }
    CpuAcceleration.ensure();
    TrainingEnvironment env = new TrainingEnvironment(architecture, data, scheme, settings);
    int actions = env.actionCount();
    Dqn online =
        new Dqn(TrainingEnvironment.FEATURES, actions, settings.hidden(), settings.dqnRate(), seed);
    Dqn target =
        new Dqn(TrainingEnvironment.FEATURES, actions, settings.hidden(), settings.dqnRate(), seed);
    target.copyFrom(online);
    Replay replay = new Replay(settings.replay());
    List<StoredEpisode> done = new ArrayList<>();
    List<INDArray> trajectory = List.of();
    int updates = 0;
    boolean interrupted = false;
    try (env;
        ExperimentStore st = store == null ? null : ExperimentStore.open(store)) {
      if (st != null) {
        st.useSettings(settingsTree());
        done.addAll(st.episodes());
        if (!done.isEmpty()) {
          AgentState.Restored r =
              AgentState.read(st.agentState().orElseThrow(), online, target, replay);
          updates = r.updates();
          trajectory = r.trajectory();
        }
      }
      for (int e = done.size(); e < episodes && !interrupted; e++) {
        long start = System.nanoTime();
        double epsilon = settings.epsilonAt(e);
        Rng rng = Rng.of(seed).derive(e);
        double[] s = env.reset(startSeed(e), trajectory);
        List<StoredEpisode.Step> steps = new ArrayList<>();
        double ret = 0;
        double accuracy = 0;
        for (int t = 0; t < env.steps(); t++) {
          int a = rng.nextDouble() < epsilon ? rng.nextInt(actions) : online.greedy(s);
          TrainingEnvironment.Step step = env.step(a);
          replay.add(new Dqn.Transition(s, a, step.reward(), step.observation(), step.done()));
          if (replay.size() >= settings.dqnBatch()) {
            online.update(replay.sample(settings.dqnBatch(), rng), target, settings.gamma());
            if (++updates % settings.targetSync() == 0) {
              target.copyFrom(online);
            }
          }
          StoredEpisode.Step stored = step.stored(t, a);
          steps.add(stored);
          final int episode = e;
          listeners.forEach(l -> l.stepFinished(episode, stored));
          ret += step.reward();
          accuracy = step.validationAccuracy();
          s = step.observation();
          if (step.done()) {
            break;
          }
          if (Thread.currentThread().isInterrupted()) {
            interrupted = true; // this episode is incomplete: not kept; a resumed run redoes it
            break;
          }
        }
        if (interrupted) {
          break;
        }
        if (settings.metaMomentum() > 0) {
          trajectory = env.trajectory();
        }
        StoredEpisode episode =
            new StoredEpisode(e, epsilon, ret, accuracy, (System.nanoTime() - start) / 1e9, steps);
        done.add(episode);
        if (st != null) {
          st.appendEpisode(episode, AgentState.write(online, target, replay, updates, trajectory));
        }
        listeners.forEach(l -> l.episodeFinished(episode));
      }
    }
    return new QanResult(
        done, online, architecture, scheme, settings, interrupted ? "interrupted" : "completed");
  }
}
