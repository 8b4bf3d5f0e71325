/**
 * Policy-gradient architecture search (Zoph & Le; the controller-RNN code of titu1994): a {@link
 * io.github.metaqnn4j.controller.ChoiceSpace} of named choices per layer, an LSTM {@link
 * io.github.metaqnn4j.controller.LstmPolicy} with one softmax per decision, and a {@link
 * io.github.metaqnn4j.controller.Controller} that learns it with REINFORCE (moving-average
 * baseline, entropy bonus, clipped gradients, batches, Adam); a {@link
 * io.github.metaqnn4j.controller.ControllerPool} pools independent controllers, which is how {@code
 * Search.controller(space)} designs inside the search loop.
 *
 * <pre>{@code
 * var space = ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
 * var controller = Controller.on(space, ControllerSettings.defaults(), 1);
 * for (int update = 0; update < 100; update++) {
 *   var batch = controller.sample();                          // architectures
 *   double[] rewards = batch.stream().mapToDouble(a -> evaluate(a)).toArray();
 *   controller.learn(batch, rewards);
 * }
 * controller.greedy();
 * }</pre>
 */
package io.github.metaqnn4j.controller;
