package dev.breezeway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.DifferenceEvaluators;
import org.xmlunit.diff.ElementSelectors;
import org.xmlunit.xpath.JAXPXPathEngine;

/** Structural XML assertions (XMLUnit): golden documents for envelopes, XPath for values. */
public final class Xml {
    private Xml() {
    }

    /** Asserts {@code actual} equals {@code expected} ignoring whitespace, comments and attribute order. */
    public static void assertSimilar(String expected, String actual) {
        Diff diff = DiffBuilder.compare(Input.fromString(expected)).withTest(Input.fromString(actual))
                .ignoreWhitespace().ignoreComments().normalizeWhitespace()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
                .checkForSimilar().build();
        assertThat(diff.hasDifferences()).as("XML differs: %s%nactual: %s", diff, actual).isFalse();
    }

    /**
     * Asserts {@code actual} has the shape of {@code expected}: the same elements and attributes in the
     * same order of elements, values ignored (fixtures give shapes, never values).
     */
    public static void assertSameShape(String expected, String actual) {
        assertSameShape(expected, actual, false);
    }

    /** As {@link #assertSameShape(String, String)}; with {@code anyOrder} sibling elements may come in another order. */
    public static void assertSameShape(String expected, String actual, boolean anyOrder) {
        DiffBuilder builder = DiffBuilder.compare(Input.fromString(expected)).withTest(Input.fromString(actual));
        if (anyOrder) {
            builder = builder.withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName));
        }
        Diff diff = builder
                .ignoreWhitespace().ignoreComments()
                .withNodeFilter(n -> n.getNodeType() != org.w3c.dom.Node.TEXT_NODE
                        && n.getNodeType() != org.w3c.dom.Node.CDATA_SECTION_NODE)
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default,
                        (comparison, outcome) -> switch (comparison.getType()) {
                            case ATTR_VALUE, TEXT_VALUE, XML_ENCODING, XML_STANDALONE, XML_VERSION,
                                 CHILD_NODELIST_LENGTH, HAS_DOCTYPE_DECLARATION -> ComparisonResult.SIMILAR;
                            default -> outcome;
                        }))
                .checkForSimilar().build();
        assertThat(diff.hasDifferences()).as("XML shape differs: %s%nactual: %s", diff, actual).isFalse();
    }

    /** The string value of an XPath expression over {@code xml}. */
    public static String xpath(String xml, String expression) {
        return new JAXPXPathEngine().evaluate(expression, Input.fromString(xml).build());
    }

    /** The element an XPath expression selects in {@code xml}, as a document of its own. */
    public static String element(String xml, String expression) {
        try {
            Node node = (Node) XPathFactory.newInstance().newXPath()
                    .evaluate(expression, new InputSource(new StringReader(xml)),
                            XPathConstants.NODE);
            assertThat(node).as("no %s in %s", expression, xml).isNotNull();
            StringWriter out = new StringWriter();
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (XPathExpressionException | TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status code of a Breeze reply. */
    public static String status(String xml) {
        return xpath(xml, "/results/status/@code");
    }

    public static int count(String xml, String expression) {
        return Integer.parseInt(xpath(xml, "count(" + expression + ")"));
    }

    /**
     * Asserts {@code actual} is {@code expected} event for event: the same elements, attributes in the
     * same order, and the same text (as parsed, so escaping is compared by its meaning), whitespace
     * between elements included. Stricter than {@link #assertSimilar}, which ignores attribute order.
     */
    public static void assertSameInOrder(String expected, String actual) {
        assertThat(events(actual)).as("actual: %s", actual).containsExactlyElementsOf(events(expected));
    }

    private static List<String> events(String xml) {
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA
                        || e == XMLStreamConstants.SPACE || e == XMLStreamConstants.ENTITY_REFERENCE) {
                    text.append(r.getText());
                    continue;
                }
                if (text.length() > 0) {
                    out.add("text " + text);
                    text.setLength(0);
                }
                if (e == XMLStreamConstants.START_ELEMENT) {
                    StringBuilder el = new StringBuilder("<" + r.getName());
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        el.append(" xmlns:").append(r.getNamespacePrefix(i)).append("=").append(r.getNamespaceURI(i));
                    }
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        el.append(" ").append(r.getAttributeName(i)).append("=[").append(r.getAttributeValue(i)).append("]");
                    }
                    out.add(el.toString());
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    out.add("</" + r.getName());
                }
            }
        } catch (XMLStreamException e) {
            throw new AssertionError("not well-formed: " + xml, e);
        }
        return out;
    }

}
