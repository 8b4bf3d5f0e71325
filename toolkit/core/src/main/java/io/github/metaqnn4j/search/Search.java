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
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.store.StoredModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

  /** The Q values are stored every this many iterations, and at the end. */
  static final int Q_SNAPSHOT_EVERY = 10;

  private final long seed;
  private final Reward reward;
  private final double failureReward;
  private final StoppingRule stoppingRule;
  private final int maxResamples;
  private final List<SearchListener> listeners = new ArrayList<>();

  private final QLearningAgent agent;
  private final ReplayMemory memory;
  private final Rng root;
  private final int workers;
  private final Map<String, String> settings;
  private final List<ModelRecord> history = new ArrayList<>();
  private final Map<Architecture, Pending> firstSample = new HashMap<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private ExecutorService pool;
  private int iteration;
  private int sampled;
  private int uniqueSampled;
  private int modelsDone;
  private int resamplesInARow;
  private boolean samplingEnded;
  private final ExperimentStore store;
  private final Map<Integer, Evaluation> restoring = new HashMap<>();
  private int restored;
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
    this.listeners.addAll(b.listeners);
    this.workers = b.workers;
    this.settings = Map.copyOf(b.settings);
    this.agent = new QLearningAgent(space, learning);
    this.memory = new ReplayMemory(space.graph());
    this.root = Rng.of(seed);
    this.store = b.storeFile == null ? null : ExperimentStore.open(b.storeFile);
    if (store != null) {
      try {
        store.useConfig(config());
        restore(store.models());
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
    if (!b.quiet) {
      listeners.addAll(ListenerProvider.all(this));
    }
  }

  /** The settings that decide the search's sequence; a store resumes only the same ones. */
  public Map<String, String> config() {
    Map<String, String> c = new java.util.TreeMap<>();
    c.put("space", space.toString());
    c.put("schedule", schedule.toString());
    c.put("learning", learning.toString());
    c.put("seed", Long.toString(seed));
    c.put("reward", reward.name());
    c.put("failureReward", Double.toString(failureReward));
    c.put("maxResamples", Integer.toString(maxResamples));
    c.put("workers", Integer.toString(workers));
    c.putAll(settings);
    return c;
  }

  /** Replays stored iterations: the same samples, the stored evaluations, no evaluator calls. */
  private void restore(List<StoredModel> models) {
    for (StoredModel m : models) {
      while (sampled - iteration >= workers) {
        learnFromOldest(false);
      }
      restoring.put(m.iteration(), fromStored(m));
      sampleNext();
      Pending p = pending.peekLast();
      if (p.iteration() != m.iteration()
          || !p.architecture().toString().equals(m.architecture())
          || p.reused() != m.reused()) {
        throw new StoreException(
            store.file()
                + " does not match this search: iteration "
                + m.iteration()
                + " samples "
                + p.architecture()
                + " here but "
                + m.architecture()
                + " in the store");
      }
    }
    restoring.clear();
    restored = models.size();
  }

  private static Evaluation fromStored(StoredModel m) {
    return new Evaluation(
        m.curve(), Evaluation.Status.valueOf(m.status()), m.reason(), m.seconds(), m.metrics());
  }

  private void persist(ModelRecord r) {
    store.append(
        r.stored(),
        (r.iteration() + 1) % Q_SNAPSHOT_EVERY == 0 || isDone() ? agent.q().entries() : null);
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

  /** The number of evaluations that may run at once. */
  public int workers() {
    return workers;
  }

  /** The number of iterations learned from so far, re-samples included. */
  public int iteration() {
    return iteration;
  }

  /** Whether the search has ended. */
  public boolean isDone() {
    return endStatus != null;
  }

  /**
   * Runs every remaining iteration and returns the result. With {@code workers(n)}, up to n models
   * are evaluated at once: iteration i is sampled once the results of iterations up to i - n have
   * been learned from, in order, so the result does not depend on which evaluation ends first.
   */
  public SearchResult run() {
    if (!isDone()) {
      listeners.forEach(l -> l.searchStarted(this));
    }
    if (workers > 1 && pool == null) {
      pool = Executors.newFixedThreadPool(workers, new WorkerThreads());
    }
    try {
      while (!samplingEnded) {
        if (Thread.currentThread().isInterrupted()) {
          samplingEnded = true;
          endStatus = SearchResult.Status.INTERRUPTED;
          endMessage = "interrupted after " + modelsDone + " models";
          break;
        }
        while (sampled - iteration >= workers) {
          learnFromOldest();
        }
        sampleNext();
      }
      while (!pending.isEmpty()) {
        learnFromOldest();
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
        pool = null;
      }
    }
    SearchResult result = result();
    closeStore(result);
    listeners.forEach(l -> l.searchFinished(result));
    return result;
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
    sampleNext();
    ModelRecord last = null;
    while (!pending.isEmpty()) {
      last = learnFromOldest();
    }
    if (isDone()) {
      closeStore(result());
    }
    return last;
  }

  private void closeStore(SearchResult result) {
    if (store != null) {
      store.setStatus(result.status().name());
      store.close();
    }
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
    double epsilon = schedule.epsilonAt(uniqueSampled);
    Rng rng = root.derive(sampled);
    Path path = agent.sample(epsilon, rng);
    Architecture arch = path.architecture();
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
          stored != null
              ? CompletableFuture.completedFuture(stored)
              : pool == null
                  ? CompletableFuture.completedFuture(evaluate(arch, it, modelSeed))
                  : CompletableFuture.supplyAsync(() -> evaluate(arch, it, modelSeed), pool);
      p = new Pending(sampled, arch, epsilon, rng, future, false);
      firstSample.put(arch, p);
      uniqueSampled++;
      resamplesInARow = 0;
    }
    pending.add(p);
    sampled++;
    if (uniqueSampled >= schedule.total()) {
      samplingEnded = true;
    } else if (resamplesInARow >= maxResamples) {
      samplingEnded = true;
      endStatus = SearchResult.Status.EXHAUSTED;
      endMessage =
          maxResamples
              + " iterations in a row sampled architectures already evaluated; "
              + uniqueSampled
              + " of "
              + schedule.total()
              + " models done. Use a larger space or a shorter schedule.";
    }
  }

  private ModelRecord learnFromOldest() {
    return learnFromOldest(true);
  }

  private ModelRecord learnFromOldest(boolean announce) {
    Pending p = pending.poll();
    Evaluation e = p.evaluation().join();
    double r = e.failed() ? failureReward : reward.of(e);
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
    }
    memory.add(new Experience(p.architecture(), r, p.epsilon(), p.iteration()));
    agent.replay(memory, p.rng());
    history.add(record);
    iteration++;
    if (samplingEnded && pending.isEmpty() && endStatus == null) {
      endStatus = SearchResult.Status.COMPLETED;
    }
    if (announce && record.iteration() >= restored) {
      if (store != null) {
        persist(record);
      }
      listeners.forEach(l -> l.modelFinished(record));
    }
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

  private Evaluation evaluate(Architecture arch, int it, long modelSeed) {
    var context =
        new EvaluationContext(
            arch,
            it,
            modelSeed,
            WorkerThreads.current(),
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
    private int workers = 1;
    private boolean quiet;
    private final Map<String, String> settings = new java.util.TreeMap<>();
    private java.nio.file.Path storeFile;
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

    /**
     * Evaluates up to {@code n} models at once, one per worker (one per GPU; default 1). The result
     * does not depend on which evaluation ends first.
     */
    public Builder workers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("workers must be at least 1, got " + n);
      }
      this.workers = n;
      return this;
    }

    /**
     * Persists the search in an SQLite file, one transaction per model. If the file already holds
     * this search (same settings), the search resumes after its last stored model, drawing the same
     * random numbers it would have drawn without the interruption.
     */
    public Builder store(java.nio.file.Path file) {
      this.storeFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Same as {@link #store(java.nio.file.Path)}. */
    public Builder store(String file) {
      return store(java.nio.file.Path.of(file));
    }

    /**
     * A further setting that identifies this search, e.g. the dataset and training scheme: stored
     * with it, and required to match when a store is resumed.
     */
    public Builder setting(String key, String value) {
      settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Leaves out the listeners the environment adds by itself (in a notebook, the live progress
     * display); listeners added with {@link #listener} still run.
     */
    public Builder quiet() {
      this.quiet = true;
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
