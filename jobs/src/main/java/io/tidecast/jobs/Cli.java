package io.tidecast.jobs;

import io.tidecast.jobs.cli.BrokerCommand;
import io.tidecast.jobs.cli.DecideCommand;
import io.tidecast.jobs.cli.DemoCommand;
import io.tidecast.jobs.cli.ReplayCommand;
import io.tidecast.jobs.cli.RunCommand;
import io.tidecast.jobs.cli.UserError;
import io.tidecast.jobs.config.JobConfig;
import io.tidecast.jobs.groupwise.GroupwiseCommand;
import io.tidecast.jobs.groupwise.GroupwiseRunCommand;
import io.tidecast.jobs.reproduce.ReproduceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tidecast}: the one command-line face of Tidecast. */
@Command(name = "tidecast", mixinStandardHelpOptions = true, version = "tidecast 0.1.0",
        description = "Online-learning forecasts per stream on Apache Flink and Kafka.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ReplayCommand.class, RunCommand.class, DecideCommand.class, ReproduceCommand.class, GroupwiseCommand.class, GroupwiseRunCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Quick start:  tidecast demo", "Every command has --help with examples."})
public final class Cli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
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
            throw ex;
        });
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
