// The imports of metaqnn4j-core, for scripts/jshell-core.
import io.github.metaqnn4j.space.*;
import io.github.metaqnn4j.agent.*;
import io.github.metaqnn4j.search.*;
import io.github.metaqnn4j.store.*;
import io.github.metaqnn4j.interop.*;
import io.github.metaqnn4j.predict.*;
import io.github.metaqnn4j.tabular.*;
import io.github.metaqnn4j.analysis.*;
import io.github.metaqnn4j.controller.*;
