package io.tidecast.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Checks shared by the report tests: a report.html that opens offline and whose images are real PNGs. */
public final class ReportFiles {
    private static final Pattern IMAGE = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    private ReportFiles() {}

    /** Asserts the file is self-contained and returns its decoded images. */
    public static List<BufferedImage> selfContainedImages(Path report) throws Exception {
        assertThat(report).exists();
        String html = Files.readString(report);
        assertThat(html).startsWith("<!doctype html>");
        assertThat(html).as("no reference leaves the file").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script src").doesNotContain("<link");
        List<BufferedImage> images = new ArrayList<>();
        Matcher m = IMAGE.matcher(html);
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(img).as("an embedded PNG").isNotNull();
            assertThat(img.getWidth()).isGreaterThan(300);
            images.add(img);
        }
        return images;
    }

    /** How many distinct colours the image uses: a chart with lines has many, an empty frame few. */
    public static int colours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) c.add(img.getRGB(x, y));
        return c.size();
    }
}
