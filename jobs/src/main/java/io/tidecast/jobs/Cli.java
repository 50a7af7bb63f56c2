package io.tidecast.jobs;

import io.tidecast.jobs.cli.BrokerCommand;
import io.tidecast.jobs.cli.ConfigCommand;
import io.tidecast.jobs.cli.DashboardCommand;
import io.tidecast.jobs.cli.DecideCommand;
import io.tidecast.jobs.cli.ClusterCommand;
import io.tidecast.jobs.cli.SubmitCommand;
import io.tidecast.jobs.cli.DemoCommand;
import io.tidecast.jobs.cli.ReplayCommand;
import io.tidecast.jobs.cli.RunCommand;
import io.tidecast.jobs.cli.UserError;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.groupwise.GroupwiseCommand;
import io.tidecast.jobs.groupwise.GroupwiseRunCommand;
import io.tidecast.jobs.relax.RelaxCommand;
import io.tidecast.jobs.relax.RelaxServeCommand;
import io.tidecast.jobs.reproduce.ReproduceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tidecast}: the one command-line face of Tidecast. */
@Command(name = "tidecast", mixinStandardHelpOptions = true, version = "tidecast 0.1.0",
        description = "Online-learning forecasts per stream on Apache Flink and Kafka.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ReplayCommand.class, RunCommand.class, DecideCommand.class,
                ReproduceCommand.class, GroupwiseCommand.class, GroupwiseRunCommand.class, DashboardCommand.class, ConfigCommand.class,
                RelaxCommand.class, RelaxServeCommand.class, ClusterCommand.class, SubmitCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Quick start:  tidecast demo", "Every command has --help with examples."})
public final class Cli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        // colour only on a terminal (picocli's AUTO also honours NO_COLOR-style settings: picocli.ansi=false)
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.AUTO));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandName() + ": " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof JobConfig.ConfigException || ex instanceof UserError) {
                c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return 2;
            }
            if (System.getenv("TIDECAST_DEBUG") != null) throw ex;
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": failed: " + describe(ex)
                    + " (TIDECAST_DEBUG=1 shows the stack trace; the log has the details)");
            return 1;
        });
        return cl;
    }

    /** The innermost cause, in one line: what went wrong, not where. */
    static String describe(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String msg = t.getMessage() == null ? "" : t.getMessage().strip().replaceAll("\\s+", " ");
        return t.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
