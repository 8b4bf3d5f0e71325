package io.github.metaqnn4j.pytorch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvolutionCheckTest {
  @Test
  void aGradientOffByMoreThanItsToleranceOrNotANumberIsNamed() {
    float[] expected = {1f, -2f, 4f};
    assertNull(ConvolutionCheck.difference("weight", expected, new float[] {1.001f, -2f, 4.003f}));
    String off = ConvolutionCheck.difference("weight", expected, new float[] {1f, -2.01f, 4f});
    assertNotNull(off);
    assertTrue(off.contains("gradient 1 of 3 is -2.01, not -2.0"), off);
    assertNotNull(
        ConvolutionCheck.difference("weight", expected, new float[] {1f, -2f, Float.NaN}));
  }

  /**
   * The build runs the tests with the launchers' ONEDNN_MAX_CPU_ISA (toolkit/pytorch/pom.xml), so
   * PyTorch's gradient must match the plain sums here on every CPU; without the setting, on the CPU
   * where the fault was found, this test fails with the gradient that differs.
   */
  @Test
  void pyTorchsConvolutionGradientMatchesPlainSums() {
    assertNull(ConvolutionCheck.findFault());
    assertDoesNotThrow(ConvolutionCheck::require);
  }
}
