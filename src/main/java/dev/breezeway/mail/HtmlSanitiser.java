package dev.breezeway.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The allow-list every HTML mail body passes (jsoup's {@link Safelist}): text formatting, lists, headings, tables
 * and links; links with {@code http}, {@code https} or {@code mailto} only (and {@code rel="nofollow noopener"}).
 * No script, style, event handler, image, iframe, form or object survives, nor any attribute but those listed,
 * so a mail loads nothing from elsewhere when opened. {@link #text} derives the plain-text part.
 */
public final class HtmlSanitiser {
    private static final Safelist ALLOWED = new Safelist()
            .addTags("a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
                    "li", "ol", "p", "pre", "q", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
                    "tfoot", "th", "thead", "tr", "u", "ul")
            .addAttributes("a", "href", "title")
            .addAttributes("td", "colspan", "rowspan")
            .addAttributes("th", "colspan", "rowspan")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");
    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private HtmlSanitiser() {
    }

    /** {@code html} with everything outside the allow-list removed (the text of removed elements stays, as text). */
    public static String clean(String html) {
        return Jsoup.clean(html, "", ALLOWED, OUTPUT);
    }

    /**
     * The plain-text part of sanitised HTML: block elements on lines of their own, list items as {@code - },
     * a link as {@code text <url>}.
     */
    public static String text(String cleanHtml) {
        Document doc = Jsoup.parseBodyFragment(cleanHtml);
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e) {
                    switch (e.normalName()) {
                        case "br" -> out.append('\n');
                        case "li" -> newline(out).append("- ");
                        case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "hr",
                             "table", "ul", "ol" -> newline(out);
                        case "td", "th" -> out.append(out.isEmpty() || out.charAt(out.length() - 1) == '\n' ? "" : "\t");
                        default -> {
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    switch (e.normalName()) {
                        case "a" -> {
                            String href = e.attr("href");
                            if (!href.isEmpty() && !href.equals(e.text()) && !href.equals("mailto:" + e.text())) {
                                out.append(" <").append(href).append('>');
                            }
                        }
                        case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul",
                             "ol" -> newline(out).append('\n');
                        default -> {
                        }
                    }
                }
            }
        }, doc.body());
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    private static StringBuilder newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out;
    }
}
