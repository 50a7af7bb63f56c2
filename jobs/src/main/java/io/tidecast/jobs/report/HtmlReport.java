package io.tidecast.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A self-contained HTML page: images are embedded as base64 data URIs and the horizon tabs are plain HTML/CSS
 * (radio buttons), so the file opens offline, anywhere, without scripts.
 */
public final class HtmlReport {
    private final String title;
    private final StringBuilder body = new StringBuilder();
    private int tabGroups;

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    public HtmlReport html(String fragment) {
        body.append(fragment).append('\n');
        return this;
    }

    public static String image(byte[] png, String alt) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }

    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("<table><tr>");
        for (String h : header) t.append("<th>").append(esc(h)).append("</th>");
        t.append("</tr>\n");
        for (List<String> r : rows) {
            t.append("<tr>");
            for (String c : r) t.append("<td>").append(esc(c)).append("</td>");
            t.append("</tr>\n");
        }
        return t.append("</table>").toString();
    }

    /** Tabs (label → HTML), the first one shown; switching needs no script. */
    public HtmlReport tabs(Map<String, String> panels) {
        int g = tabGroups++;
        StringBuilder css = new StringBuilder("<style>");
        StringBuilder inputs = new StringBuilder();
        StringBuilder boxes = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, String> p : panels.entrySet()) {
            String id = "t" + g + "-" + i;
            inputs.append("<input type=\"radio\" name=\"g").append(g).append("\" id=\"").append(id).append('"')
                    .append(i == 0 ? " checked" : "").append("><label for=\"").append(id).append("\">").append(esc(p.getKey()))
                    .append("</label>");
            boxes.append("<div class=\"panel\" id=\"p").append(id).append("\">").append(p.getValue()).append("</div>\n");
            css.append('#').append(id).append(":checked ~ #p").append(id).append("{display:block}");
            i++;
        }
        body.append(css).append("</style>\n<div class=\"tabs\">").append(inputs).append('\n').append(boxes).append("</div>\n");
        return this;
    }

    public String render() {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n<style>"
                + "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1100px;color:#222;padding:0 1em}"
                + "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}"
                + "img{max-width:100%;display:block;margin:.4em 0}"
                + "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 7px;text-align:right}"
                + "td:first-child,th:first-child{text-align:left}"
                + ".tabs>input{display:none}.tabs>label{display:inline-block;padding:.3em .9em;border:1px solid #ccc;"
                + "border-bottom:none;border-radius:4px 4px 0 0;cursor:pointer;background:#f3f3f3;margin-right:2px}"
                + ".tabs>input:checked+label{background:#143d59;color:#fff}"
                + ".tabs>.panel{display:none;border-top:2px solid #143d59;padding-top:.4em}"
                + "</style></head><body>\n<h1>" + esc(title) + "</h1>\n" + body + "</body></html>\n";
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        return file;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
