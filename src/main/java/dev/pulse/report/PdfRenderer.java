package dev.pulse.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The report's HTML as PDF (openhtmltopdf: CSS paged media, tables with repeated heads, inline SVG
 * through Batik). DejaVu Sans is embedded so that ✓, ≥, ±, ↑ and † print as themselves.
 */
public final class PdfRenderer {
    private PdfRenderer() {
    }

    static {
        // Both libraries log every step at INFO; a report run should print only what the user needs.
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
        java.util.logging.Logger.getLogger("org.apache.pdfbox").setLevel(java.util.logging.Level.SEVERE);
        java.util.logging.Logger.getLogger("org.apache.fontbox").setLevel(java.util.logging.Level.SEVERE);
    }

    public static void render(String html, OutputStream out) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useSVGDrawer(new BatikSVGDrawer());
        builder.useFont(() -> font("DejaVuSans.ttf"), "DejaVu Sans", 400, PdfRendererBuilder.FontStyle.NORMAL, true);
        builder.useFont(() -> font("DejaVuSans-Bold.ttf"), "DejaVu Sans", 700, PdfRendererBuilder.FontStyle.NORMAL, true);
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        builder.run();
    }

    private static InputStream font(String name) {
        InputStream stream = PdfRenderer.class.getResourceAsStream("fonts/" + name);
        if (stream == null) {
            throw new UncheckedIOException(new IOException("font " + name + " missing from the application"));
        }
        return stream;
    }
}
