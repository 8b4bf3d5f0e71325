/**
 * Learning-curve prediction and early stopping (Baker, Gupta, Raskar, Naik, "Accelerating Neural
 * Architecture Search using Performance Prediction"): predictors of a model's final accuracy from
 * the first epochs of its curve and its architecture ({@link CurvePredictor}: sequential nu-SVR
 * regression, least squares, the last value seen, power-law and exponential extrapolation), the
 * paper's stopping rule and its peers' ({@link EarlyStopping}: predicted, median, successive
 * halving), and their quality on recorded curves ({@link PredictionQuality}).
 *
 * <p>Works on plain curves; depends on {@code space} and {@code search} (the rule interface), never
 * on training. libsvm and commons-math3 do the numerics.
 *
 * <pre>{@code
 * Search.qLearning(space).evaluator(e).earlyStopping(EarlyStopping.predicted().delta(0.99)).run();
 * }</pre>
 */
package io.github.metaqnn4j.predict;
