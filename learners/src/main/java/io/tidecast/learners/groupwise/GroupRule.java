package io.tidecast.learners.groupwise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A group defined on a record's columns: {@code [name:]cond[&cond...]} where a condition is {@code col=value}
 * (text equality, or numeric equality when both sides are numbers), {@code col>num}, {@code col<num},
 * {@code col>=num} or {@code col<=num}. Without a name the rule text is the group's name, e.g. {@code smoker=yes},
 * {@code age>50}, {@code middle:age>35&age<=50}.
 */
public final class GroupRule {
    private enum Op {
        EQ("="), GE(">="), LE("<="), GT(">"), LT("<");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    private record Condition(String column, Op op, String text, double number) {
        boolean test(String cell) {
            if (cell == null) return false;
            String c = cell.strip();
            if (op == Op.EQ) {
                if (c.equals(text)) return true;
                double v = parseNumber(c);
                return !Double.isNaN(number) && !Double.isNaN(v) && v == number;
            }
            double v = parseNumber(c);
            if (Double.isNaN(v)) return false;
            return switch (op) {
                case GT -> v > number;
                case LT -> v < number;
                case GE -> v >= number;
                case LE -> v <= number;
                default -> throw new AssertionError(op);
            };
        }
    }

    private final String name;
    private final List<Condition> conditions;

    private GroupRule(String name, List<Condition> conditions) {
        this.name = name;
        this.conditions = conditions;
    }

    /**
     * Parses a rule.
     *
     * @throws IllegalArgumentException with a one-line explanation and the expected form
     */
    public static GroupRule parse(String spec) {
        if (spec == null || spec.isBlank()) throw bad(spec, "it is empty");
        String s = spec.strip();
        String name = s;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            name = s.substring(0, colon).strip();
            s = s.substring(colon + 1).strip();
            if (name.isEmpty()) throw bad(spec, "the name before ':' is empty");
        }
        List<Condition> conditions = new ArrayList<>();
        for (String part : s.split("&", -1)) {
            conditions.add(condition(spec, part.strip()));
        }
        return new GroupRule(name, List.copyOf(conditions));
    }

    private static Condition condition(String spec, String part) {
        if (part.isEmpty()) throw bad(spec, "a condition is empty");
        int at = -1;
        Op op = null;
        for (int i = 0; i < part.length() && op == null; i++) {
            char ch = part.charAt(i);
            if (ch == '=' || ch == '<' || ch == '>') {
                at = i;
                boolean eq = i + 1 < part.length() && part.charAt(i + 1) == '=';
                op = ch == '=' ? Op.EQ : ch == '<' ? (eq ? Op.LE : Op.LT) : (eq ? Op.GE : Op.GT);
            }
        }
        if (op == null) throw bad(spec, "'" + part + "' has no operator");
        String column = part.substring(0, at).strip();
        String value = part.substring(at + op.symbol.length()).strip();
        if (column.isEmpty()) throw bad(spec, "'" + part + "' has no column name");
        if (value.isEmpty()) throw bad(spec, "'" + part + "' has no value");
        if (value.startsWith("=") || value.startsWith("<") || value.startsWith(">")) {
            throw bad(spec, "'" + part + "' has a doubled operator");
        }
        double number = parseNumber(value);
        if (op != Op.EQ && Double.isNaN(number)) throw bad(spec, "'" + value + "' after '" + op.symbol + "' is not a number");
        return new Condition(column, op, value, number);
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("group '" + spec + "': " + why
                + "; write [name:]col=value, col>num, col<num, col>=num or col<=num, joined with &");
    }

    /** A finite number, or NaN if {@code s} is not one. */
    static double parseNumber(String s) {
        try {
            double v = Double.parseDouble(s.strip().toLowerCase(Locale.ROOT));
            return Double.isFinite(v) && !s.strip().isEmpty() && Character.isDigit(lastChar(s)) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static char lastChar(String s) {
        String t = s.strip();
        return t.charAt(t.length() - 1);
    }

    public String name() {
        return name;
    }

    /** The columns the rule reads. */
    public List<String> columns() {
        return conditions.stream().map(Condition::column).distinct().toList();
    }

    /** The value {@code v} if this rule is exactly {@code column=v} (one equality condition on that column), else null. */
    public String equalityOn(String column) {
        if (conditions.size() != 1) return null;
        Condition c = conditions.get(0);
        return c.op == Op.EQ && c.column.equals(column) ? c.text : null;
    }

    /** Whether a record (column name to cell text) is in the group; a missing or non-numeric cell fails numeric tests. */
    public boolean test(Function<String, String> cell) {
        for (Condition c : conditions) {
            if (!c.test(cell.apply(c.column))) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
