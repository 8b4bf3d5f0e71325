package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.agent.QLearningSettings;
import io.github.metaqnn4j.controller.ChoiceSpace;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.space.StateSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings of a search, with the paper's defaults: epsilon schedule of Table 2, Q-learning
 * alpha 0.01, gamma 1, Q0 0.5, 100 replays, reward = best validation accuracy, seed 0.
 *
 * <pre>{@code
 * Search.qLearning(space).evaluator(e).schedule(EpsilonSchedule.paper().scaledTo(100)).seed(7)
 * }</pre>
 */
public final class SearchBuilder {
  final StateSpace space;
  final ChoiceSpace choices;
  ControllerSettings controller;
  Evaluator evaluator;
  EpsilonSchedule schedule = EpsilonSchedule.paper();
  QLearningSettings learning = QLearningSettings.paper();
  long seed = 0;
  Reward reward = Reward.BEST;
  double failureReward = 0.0;
  EarlyStoppingPolicy earlyStopping = NEVER;

  private static final EarlyStoppingPolicy NEVER =
      new EarlyStoppingPolicy() {
        @Override
        public StoppingRule newRule() {
          return StoppingRule.NEVER;
        }

        @Override
        public Map<String, Object> settings() {
          return Map.of("rule", "never");
        }
      };
  int maxResamples = 1000;
  boolean scheduleCountsSamples;
  int maxFailures = 10;
  int workers = 1;
  boolean quiet;
  final Map<String, Object> settings = new TreeMap<>();
  java.nio.file.Path storeFile;
  io.github.metaqnn4j.store.Durability durability = io.github.metaqnn4j.store.Durability.NORMAL;
  final List<SearchListener> listeners = new ArrayList<>();

  SearchBuilder(StateSpace space, ChoiceSpace choices) {
    this.space = space;
    this.choices = choices;
  }

  /**
   * Designs with a pool of policy-gradient controllers (Zoph & Le) with these settings instead of
   * Q-learning: the epsilon schedule then only counts the models.
   */
  public SearchBuilder controller(ControllerSettings settings) {
    this.controller = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * The number of unique models to evaluate: the epsilon schedule scaled to it (for a controller,
   * just the count).
   *
   * @throws IllegalArgumentException when {@code count} is below 1
   */
  public SearchBuilder models(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("models must be at least 1, got " + count);
    }
    this.schedule = schedule.scaledTo(count);
    return this;
  }

  /** What turns an architecture into a learning curve (training, or a synthetic function). */
  public SearchBuilder evaluator(Evaluator evaluator) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    return this;
  }

  /** The epsilon schedule (default: the paper's 2,700 models). */
  public SearchBuilder schedule(EpsilonSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    return this;
  }

  /** Q-learning hyperparameters (default: the paper's). */
  public SearchBuilder learning(QLearningSettings learning) {
    this.learning = Objects.requireNonNull(learning, "learning");
    return this;
  }

  /** The seed of every random choice of the search (default 0). */
  public SearchBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** How a learning curve becomes a reward (default: best validation accuracy). */
  public SearchBuilder reward(Reward reward) {
    this.reward = Objects.requireNonNull(reward, "reward");
    return this;
  }

  /** The reward of a model that failed to train (default 0). */
  public SearchBuilder failureReward(double reward) {
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("failureReward must be finite, got " + reward);
    }
    this.failureReward = reward;
    return this;
  }

  /**
   * Stops models early by {@code policy}'s rule, which the search makes afresh (default: never
   * stop), e.g. {@code EarlyStopping.predicted().delta(0.99).burnIn(20)}.
   */
  public SearchBuilder earlyStopping(EarlyStoppingPolicy policy) {
    this.earlyStopping = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Asked after each epoch whether to stop the model: a rule that learns nothing. */
  public SearchBuilder earlyStopping(StoppingRule rule) {
    Objects.requireNonNull(rule, "rule");
    return earlyStopping(() -> rule);
  }

  /**
   * Makes the epsilon schedule count every sampled model, re-samples included, instead of new
   * models only (the paper's and the default). For spaces smaller than the schedule, such as
   * tabular benchmarks: a paper-length schedule of 2,700 samples then runs on 226 architectures.
   *
   * <pre>{@code
   * Search.qLearning(bench.space()).evaluator(bench).schedule(EpsilonSchedule.paper())
   *     .scheduleCountsSamples().run();
   * }</pre>
   */
  public SearchBuilder scheduleCountsSamples() {
    this.scheduleCountsSamples = true;
    return this;
  }

  /** Stops the search after this many re-samples in a row (default 1000). */
  public SearchBuilder maxResamples(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("maxResamples must be at least 1, got " + iterations);
    }
    this.maxResamples = iterations;
    return this;
  }

  /**
   * Ends the search with a {@link SearchFailedException} when this many new models in a row failed
   * to train (default 10): a broken setup (no memory, a wrong device, a bad dataset) then costs
   * minutes, not the whole schedule.
   */
  public SearchBuilder maxFailuresInARow(int models) {
    if (models < 1) {
      throw new IllegalArgumentException("maxFailuresInARow must be at least 1, got " + models);
    }
    this.maxFailures = models;
    return this;
  }

  /**
   * Evaluates up to {@code n} models at once, one per worker (one per GPU; default 1). The result
   * does not depend on which evaluation ends first.
   */
  public SearchBuilder workers(int n) {
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
  public SearchBuilder store(java.nio.file.Path file) {
    this.storeFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * How durable each stored model is (default {@link io.github.metaqnn4j.store.Durability#NORMAL}:
   * a killed process loses none; {@code FULL} also survives a power loss, at a sync per model). Not
   * a setting of the search: a resume may choose another.
   */
  public SearchBuilder durability(io.github.metaqnn4j.store.Durability durability) {
    this.durability = Objects.requireNonNull(durability, "durability");
    return this;
  }

  /** Same as {@link #store(java.nio.file.Path)}. */
  public SearchBuilder store(String file) {
    return store(java.nio.file.Path.of(file));
  }

  /**
   * A further setting that identifies this search, e.g. the dataset and training scheme: stored
   * with it, and required to match when a store is resumed.
   */
  public SearchBuilder setting(String key, Object value) {
    settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Leaves out the listeners the environment adds by itself (in a notebook, the live progress
   * display); listeners added with {@link #listener} still run.
   */
  public SearchBuilder quiet() {
    this.quiet = true;
    return this;
  }

  /** Adds a listener. */
  public SearchBuilder listener(SearchListener listener) {
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
