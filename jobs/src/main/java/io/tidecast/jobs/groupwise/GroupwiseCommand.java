package io.tidecast.jobs.groupwise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidecast.connectors.csv.CsvFormatException;
import io.tidecast.jobs.cli.UserError;
import io.tidecast.learners.groupwise.PublishedOrders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "groupwise", mixinStandardHelpOptions = true,
        description = "Groupwise-regret regression (Acharya et al., ICLR 2024) offline: AdaNormalHedge over sleeping"
                + " experts, one online-ridge oracle per group plus always-on, against one online ridge over everything;"
                + " per-group cumulative loss and regret against least squares in hindsight on the group's rows, mean"
                + " over the published row orders.",
        footer = {"", "Examples:",
                "  tidecast groupwise --data insurance --orders 10 --out /tmp/gw",
                "  tidecast groupwise --data my.csv --features age,bmi,region --target cost --group 'smoker=yes' --group 'age>50'",
                "  tidecast groupwise --data my.csv --features a,b --target y --group 'mid:a>=2&a<5' --protocol causal",
                "Groups: [name:]col=value, col>num, col<num, col>=num, col<=num, joined with &. Non-numeric feature columns are"
                        + " one-hot encoded; group memberships are also features (so the baseline knows the groups).",
                "Protocols: 'causal' scales with running min-max of what has arrived (what a stream can do); 'paper' scales with"
                        + " the whole file's min-max known in advance (look-ahead) and fits the hindsight comparator on T_g - 1"
                        + " rows, as published. Losses are in squared units of the target's range in the file."})
public final class GroupwiseCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "insurance|FILE.csv", description = "The shipped medical-cost data with the paper's set-up, or any CSV with a header.")
    String data;

    @Option(names = "--features", split = ",", paramLabel = "COL", description = "Feature columns (CSV only).")
    List<String> features;

    @Option(names = "--target", paramLabel = "COL", description = "Target column (CSV only).")
    String target;

    @Option(names = "--group", paramLabel = "RULE", description = "A group, repeatable (CSV only; insurance has the paper's 11).")
    List<String> groups;

    @Option(names = "--orders", defaultValue = "10", paramLabel = "N", description = "How many of the 10 published row orders to run (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--protocol", defaultValue = "both", paramLabel = "causal|paper|both", description = "Scaling protocol (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--lambda", defaultValue = "1.0", paramLabel = "L", description = "Ridge penalty of every oracle and the baseline (default: ${DEFAULT-VALUE}, as published).")
    double lambda;

    @Option(names = "--out", defaultValue = "groupwise-out", paramLabel = "DIR", description = "Output directory for groupwise.json and groupwise.txt (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (orders < 1 || orders > PublishedOrders.SEEDS.size()) {
            throw new UserError("--orders must be between 1 and " + PublishedOrders.SEEDS.size() + " (the published shuffle seeds), got " + orders);
        }
        if (!(lambda > 0) || !Double.isFinite(lambda)) throw new UserError("--lambda must be a positive number, got " + lambda);
        boolean runPaper = switch (protocol) {
            case "paper", "both" -> true;
            case "causal" -> false;
            default -> throw new UserError("--protocol must be causal, paper or both, not '" + protocol + "'");
        };
        boolean runCausal = !protocol.equals("paper");
        GroupwiseDataset ds = dataset();
        List<Integer> seeds = PublishedOrders.SEEDS.subList(0, orders);
        double range = ds.targetRange();

        long t0 = System.nanoTime();
        Map<String, GroupwiseReport.Summary> paper = runPaper ? GroupwiseReport.summarise(GroupwiseHarness.run(ds, Protocol.PAPER, seeds, lambda), range) : null;
        Map<String, GroupwiseReport.Summary> causal = runCausal ? GroupwiseReport.summarise(GroupwiseHarness.run(ds, Protocol.CAUSAL, seeds, lambda), range) : null;
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Published.Row> published = data.equals("insurance") ? Published.MEDICAL : null;

        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "groupwise: %s, %d rows, %d features (%d numeric), %d groups + always_on, %d order(s), lambda %s, %.1f s",
                ds.name, ds.rows(), ds.features(), ds.numericNames.size(), ds.groupNames.size(), orders, lambda, seconds));
        lines.add("cumulative squared loss and regret vs least squares in hindsight, in units of (target range)^2, mean over orders");
        lines.addAll(GroupwiseReport.table(paper, causal, published));
        lines.forEach(System.out::println);

        Files.createDirectories(out);
        Files.write(out.resolve("groupwise.txt"), lines);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", ds.name);
        json.put("rows", ds.rows());
        json.put("features", List.of(ds.numericNames, ds.indicatorNames));
        json.put("groups", ds.groupNames);
        json.put("seeds", seeds);
        json.put("lambda", lambda);
        json.put("unit", "squared target range (" + range + ")^2");
        if (paper != null) json.put("paper", paper);
        if (causal != null) json.put("causal", causal);
        if (published != null) json.put("published", published);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("groupwise.json").toFile(), json);
        System.out.println("wrote " + out.resolve("groupwise.txt") + " and " + out.resolve("groupwise.json"));
        return 0;
    }

    GroupwiseDataset dataset() {
        try {
            if (data.equals("insurance")) {
                if (features != null || target != null || groups != null) {
                    throw new UserError("--data insurance has the paper's features, target and groups; --features/--target/--group are for a CSV file");
                }
                return GroupwiseDataset.insurance(Path.of(System.getProperty("tidecast.home", ".")));
            }
            Path file = Path.of(data);
            if (!Files.isRegularFile(file)) throw new UserError("--data: no such file '" + data + "' (or use --data insurance)");
            if (features == null || features.isEmpty()) throw new UserError("--features is required with a CSV file, e.g. --features age,bmi,region");
            if (target == null) throw new UserError("--target is required with a CSV file, e.g. --target charges");
            return GroupwiseDataset.load(file, file.getFileName().toString(), features, target, groups == null ? List.of() : groups);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (CsvFormatException | NoSuchFileException e) {
            throw new UserError("cannot read " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read --data " + data + ": " + e.getMessage());
        }
    }

}
