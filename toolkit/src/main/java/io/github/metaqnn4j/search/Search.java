package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.agent.Experience;
import io.github.metaqnn4j.agent.QLearning;
import io.github.metaqnn4j.agent.QLearningAgent;
import io.github.metaqnn4j.agent.ReplayMemory;
import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateGraph.Path;
import io.github.metaqnn4j.space.StateSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A MetaQNN search (the paper's Algorithm 1): for every model of the epsilon schedule, the agent
 * samples an architecture; a new one is evaluated, one seen before gets its stored reward; the
 * experience goes into replay memory and the agent replays {@code K} samples from it.
 *
 * <p>Iteration {@code i} draws its random numbers from a stream derived from the seed and {@code i}
 * alone, so a run is reproducible from its seed.
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
  private final StateSpace space;
  private final Evaluator evaluator;
  private final EpsilonSchedule schedule;
  private final QLearning learning;
  private final long seed;
  private final Reward reward;
  private final double failureReward;
  private final StoppingRule stoppingRule;
  private final int maxResamples;
  private final List<SearchListener> listeners;

  private final QLearningAgent agent;
  private final ReplayMemory memory;
  private final Rng root;
  private final List<ModelRecord> history = new ArrayList<>();
  private final Map<Architecture, Evaluation> evaluations = new HashMap<>();
  private int iteration;
  private int modelsDone;
  private int resamplesInARow;
  private SearchResult.Status endStatus;
  private String endMessage = "";

  private Search(Builder b) {
    this.space = b.space;
    this.evaluator = Objects.requireNonNull(b.evaluator, "an evaluator is required: .evaluator(…)");
    this.schedule = b.schedule;
    this.learning = b.learning;
    this.seed = b.seed;
    this.reward = b.reward;
    this.failureReward = b.failureReward;
    this.stoppingRule = b.stoppingRule;
    this.maxResamples = b.maxResamples;
    this.listeners = List.copyOf(b.listeners);
    this.agent = new QLearningAgent(space, learning);
    this.memory = new ReplayMemory(space.graph());
    this.root = Rng.of(seed);
  }

  /** Starts configuring a Q-learning search over {@code space}. */
  public static Builder qLearning(StateSpace space) {
    return new Builder(Objects.requireNonNull(space, "space"));
  }

  public StateSpace space() {
    return space;
  }

  public EpsilonSchedule schedule() {
    return schedule;
  }

  public QLearning learning() {
    return learning;
  }

  public long seed() {
    return seed;
  }

  /** The agent (its Q table changes as the search runs). */
  public QLearningAgent agent() {
    return agent;
  }

  /** The replay memory so far. */
  public ReplayMemory memory() {
    return memory;
  }

  /** The number of unique models evaluated so far. */
  public int modelsDone() {
    return modelsDone;
  }

  /** The number of iterations so far, re-samples included. */
  public int iteration() {
    return iteration;
  }

  /** Whether the search has ended. */
  public boolean isDone() {
    return endStatus != null;
  }

  /** Runs every remaining iteration and returns the result. */
  public SearchResult run() {
    if (iteration == 0 && !isDone()) {
      listeners.forEach(l -> l.searchStarted(this));
    }
    while (!isDone()) {
      if (Thread.currentThread().isInterrupted()) {
        endStatus = SearchResult.Status.INTERRUPTED;
        endMessage = "interrupted after " + modelsDone + " models";
        break;
      }
      step();
    }
    SearchResult result = result();
    listeners.forEach(l -> l.searchFinished(result));
    return result;
  }

  /**
   * Runs one iteration: sample, evaluate or reuse, remember, replay.
   *
   * @return the record of the iteration
   * @throws IllegalStateException when the search has ended
   */
  public ModelRecord step() {
    if (isDone()) {
      throw new IllegalStateException("the search has ended: " + endStatus);
    }
    double epsilon = schedule.epsilonAt(modelsDone);
    Rng rng = root.derive(iteration);
    Path path = agent.sample(epsilon, rng);
    Architecture arch = path.architecture();
    long modelSeed = rng.nextLong();
    ModelRecord record;
    if (memory.contains(arch)) {
      double r = memory.rewardOf(arch).orElseThrow();
      Evaluation first = evaluations.get(arch);
      record = new ModelRecord(iteration, -1, arch, epsilon, first, r, true);
      resamplesInARow++;
    } else {
      Evaluation e = evaluate(arch, modelSeed);
      double r = e.failed() ? failureReward : reward.of(e);
      evaluations.put(arch, e);
      record = new ModelRecord(iteration, modelsDone, arch, epsilon, e, r, false);
      modelsDone++;
      resamplesInARow = 0;
    }
    memory.add(new Experience(arch, record.reward(), epsilon, iteration));
    agent.replay(memory, rng);
    history.add(record);
    iteration++;
    if (modelsDone >= schedule.total()) {
      endStatus = SearchResult.Status.COMPLETED;
    } else if (resamplesInARow >= maxResamples) {
      endStatus = SearchResult.Status.EXHAUSTED;
      endMessage =
          maxResamples
              + " iterations in a row sampled architectures already evaluated; "
              + modelsDone
              + " of "
              + schedule.total()
              + " models done. Use a larger space or a shorter schedule.";
    }
    listeners.forEach(l -> l.modelFinished(record));
    return record;
  }

  /** The result so far (complete once {@link #isDone()}). */
  public SearchResult result() {
    return new SearchResult(
        space.toString(),
        schedule,
        seed,
        history,
        agent.q().entries(),
        agent.greedy().architecture(),
        endStatus == null ? SearchResult.Status.INTERRUPTED : endStatus,
        endStatus == null ? "still running" : endMessage);
  }

  private Evaluation evaluate(Architecture arch, long modelSeed) {
    int it = iteration;
    var context =
        new EvaluationContext(
            arch,
            it,
            modelSeed,
            stoppingRule,
            epoch -> listeners.forEach(l -> l.epochFinished(it, arch, epoch)));
    long start = System.nanoTime();
    try {
      Evaluation e = evaluator.evaluate(arch, context);
      if (e == null) {
        return Evaluation.failed("the evaluator returned no evaluation", seconds(start));
      }
      return e;
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError ex) {
      return Evaluation.failed(
          ex.getClass().getSimpleName() + ": " + ex.getMessage(), seconds(start));
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The settings of a search, with the paper's defaults: epsilon schedule of Table 2, Q-learning
   * alpha 0.01, gamma 1, Q0 0.5, 100 replays, reward = best validation accuracy, seed 0.
   *
   * <pre>{@code
   * Search.qLearning(space).evaluator(e).schedule(EpsilonSchedule.paper().scaledTo(100)).seed(7)
   * }</pre>
   */
  public static final class Builder {
    private final StateSpace space;
    private Evaluator evaluator;
    private EpsilonSchedule schedule = EpsilonSchedule.paper();
    private QLearning learning = QLearning.paper();
    private long seed = 0;
    private Reward reward = Reward.BEST;
    private double failureReward = 0.0;
    private StoppingRule stoppingRule = StoppingRule.NEVER;
    private int maxResamples = 1000;
    private final List<SearchListener> listeners = new ArrayList<>();

    private Builder(StateSpace space) {
      this.space = space;
    }

    /** What turns an architecture into a learning curve (training, or a synthetic function). */
    public Builder evaluator(Evaluator evaluator) {
      this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
      return this;
    }

    /** The epsilon schedule (default: the paper's 2,700 models). */
    public Builder schedule(EpsilonSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /** Q-learning hyperparameters (default: the paper's). */
    public Builder learning(QLearning learning) {
      this.learning = Objects.requireNonNull(learning, "learning");
      return this;
    }

    /** The seed of every random choice of the search (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How a learning curve becomes a reward (default: best validation accuracy). */
    public Builder reward(Reward reward) {
      this.reward = Objects.requireNonNull(reward, "reward");
      return this;
    }

    /** The reward of a model that failed to train (default 0). */
    public Builder failureReward(double reward) {
      if (!Double.isFinite(reward)) {
        throw new IllegalArgumentException("failureReward must be finite, got " + reward);
      }
      this.failureReward = reward;
      return this;
    }

    /** Asked after each epoch whether to stop the model (default: never). */
    public Builder earlyStopping(StoppingRule rule) {
      this.stoppingRule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /** Stops the search after this many re-samples in a row (default 1000). */
    public Builder maxResamples(int iterations) {
      if (iterations < 1) {
        throw new IllegalArgumentException("maxResamples must be at least 1, got " + iterations);
      }
      this.maxResamples = iterations;
      return this;
    }

    /** Adds a listener. */
    public Builder listener(SearchListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The configured search, ready to {@link Search#run()} or {@link Search#step()}. */
    public Search build() {
      return new Search(this);
    }

    /** Builds and runs the search. */
    public SearchResult run() {
      return build().run();
    }
  }
}
