// The toolkit's imports, evaluated at start-up by the kernel and by kernel-setup/jshell.
import java.util.*;
import java.nio.file.*;
import io.github.metaqnn4j.space.*;
import io.github.metaqnn4j.agent.*;
import io.github.metaqnn4j.search.*;
import io.github.metaqnn4j.data.*;
import io.github.metaqnn4j.train.*;
import io.github.metaqnn4j.store.*;
import io.github.metaqnn4j.interop.*;
import io.github.metaqnn4j.predict.*;
import io.github.metaqnn4j.tabular.*;
import io.github.metaqnn4j.analysis.*;
import io.github.metaqnn4j.controller.*;
import io.github.metaqnn4j.notebook.*;
import static io.github.metaqnn4j.notebook.Show.show;
// the types toolkit methods return: Table t = report.table(); XYChart c = report.accuracyChart();
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
