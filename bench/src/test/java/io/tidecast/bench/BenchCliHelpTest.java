package io.tidecast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCliHelpTest {
    @Test
    void benchCommandsHaveHelpWithExamples() {
        for (String[] args : new String[][] {{"--help"}, {"learners", "--help"}}) {
            CommandLine cl = new CommandLine(new BenchCli());
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(args));
            assertTrue(out.toString().contains("Examples:"), String.join(" ", args) + ":\n" + out);
            assertTrue(out.toString().contains("tidecast bench learners --quick"), out.toString());
        }
    }
}
