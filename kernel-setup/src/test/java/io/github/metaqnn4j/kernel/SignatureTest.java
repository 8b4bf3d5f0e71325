package io.github.metaqnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.junit.jupiter.api.Test;

/** The kernel's channels read messages themselves, to check signatures in constant time. */
class SignatureTest {
  @Test
  void signaturesAreComparedByBytesInConstantTime() {
    byte[] good = "5f2a".getBytes(StandardCharsets.US_ASCII);
    assertTrue(GuardedShellChannel.signatureMatches("5f2a", good));
    assertFalse(GuardedShellChannel.signatureMatches("5f2b", good));
    assertFalse(GuardedShellChannel.signatureMatches("5f2", good));
    assertFalse(GuardedShellChannel.signatureMatches("5f2a", new byte[0]));
  }

  @Test
  void theChannelReplacesJJavasReader() throws Exception {
    assertEquals(
        GuardedShellChannel.class,
        GuardedShellChannel.class.getMethod("readMessage").getDeclaringClass(),
        "JJava's " + JupyterSocket.class.getSimpleName() + ".readMessage compares with equals");
  }
}
