// Notebook functions of the kernel: display(x), render(x), updateDisplay(id, x), clearOutput().
import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;
import static io.github.metaqnn4j.kernel.Cell.*;
