package dev.breezeway.xml;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.StatusCode;
import dev.breezeway.error.XmlText;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The one writer of {@code <?xml version="1.0" encoding="utf-8"?><results><status …/>…</results>}:
 * it owns the envelope and the status, and marshals payload objects with JAXB after the status.
 */
public final class XmlWriter {
    private final JAXBContext jaxb;
    private final XMLOutputFactory out = XMLOutputFactory.newFactory();

    /** @param payloadTypes every JAXB-annotated payload class any action returns */
    public XmlWriter(List<Class<?>> payloadTypes) {
        try {
            this.jaxb = JAXBContext.newInstance(payloadTypes.toArray(Class<?>[]::new));
        } catch (JAXBException e) {
            throw new IllegalStateException("JAXB cannot bind the payload types", e);
        }
    }

    /** Writes {@code <status code="ok"/>} and the payload. */
    public void writeOk(OutputStream os, Results results) {
        write(os, w -> {
            writeOkStatus(w);
            writePayload(w, results.payload());
        });
    }

    /** Writes the status of a failure, e.g. {@code <status code="no-access" subcode="no-login"/>}. */
    public void writeError(OutputStream os, ApiException e) {
        write(os, w -> writeStatus(w, e));
    }

    /** Writes {@code <status code="internal-error"/>}. */
    public void writeInternalError(OutputStream os) {
        write(os, w -> {
            w.writeEmptyElement("status");
            w.writeAttribute("code", StatusCode.INTERNAL_ERROR.wire());
        });
    }

    /** Writes one {@code <results action="…">} element into an enclosing document, for batches. */
    public void writeNested(XMLStreamWriter w, String action, Results ok) throws XMLStreamException {
        w.writeStartElement("results");
        w.writeAttribute("action", action);
        writeOkStatus(w);
        writePayload(w, ok.payload());
        w.writeEndElement();
    }

    /** Writes one failed {@code <results action="…">} element into an enclosing document, for batches. */
    public void writeNested(XMLStreamWriter w, String action, ApiException e) throws XMLStreamException {
        w.writeStartElement("results");
        w.writeAttribute("action", action);
        writeStatus(w, e);
        w.writeEndElement();
    }

    /** Writes a whole document whose root the caller writes, e.g. a batch's {@code <results-list>}. */
    public void writeDocument(OutputStream os, Body body) {
        try {
            Bytes bytes = new Bytes();
            // Through a buffered character stream: the JDK's writer then hands over whole strings, which the
            // charset encoder turns into UTF-8 in bulk. Over an OutputStream it encodes and writes byte by byte,
            // the top cost of a 5,000-row page. (Buffered, so the writer sees no OutputStreamWriter whose
            // encoding name it would compare with "utf-8".)
            java.io.Writer chars = new java.io.BufferedWriter(
                    new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8), 8192);
            XMLStreamWriter w = new CleanText(out.createXMLStreamWriter(chars));
            w.writeStartDocument("utf-8", "1.0");
            body.write(w);
            w.writeEndDocument();
            w.flush();
            w.close();
            chars.flush();
            os.write(bytes.buf, 0, bytes.count);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document's bytes until it is complete, collected unsynchronized (a ByteArrayOutputStream takes a lock per
     * write), in the encoder's chunks of up to 8 KiB.
     */
    private static final class Bytes extends OutputStream {
        private byte[] buf = new byte[4096];
        private int count;

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }
    }

    /** Content written inside the document. */
    @FunctionalInterface
    public interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private void write(OutputStream os, Body inner) {
        writeDocument(os, w -> {
            w.writeStartElement("results");
            inner.write(w);
            w.writeEndElement();
        });
    }

    /** Writes {@code <status code="ok"/>}. */
    public void writeOkStatus(XMLStreamWriter w) throws XMLStreamException {
        w.writeEmptyElement("status");
        w.writeAttribute("code", StatusCode.OK.wire());
    }

    private void writePayload(XMLStreamWriter w, List<Object> payload) throws XMLStreamException {
        if (payload.isEmpty()) {
            return;
        }
        try {
            Marshaller m = null;
            for (Object o : payload) {
                if (o instanceof Body b) {
                    b.write(w);
                } else {
                    if (m == null) {
                        m = jaxb.createMarshaller();
                        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
                    }
                    m.marshal(o, w);
                }
            }
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot marshal payload", e);
        }
    }

    /** Writes the {@code <status>} of a failure. */
    public void writeStatus(XMLStreamWriter w, ApiException e) throws XMLStreamException {
        boolean hasChildren = !e.invalids().isEmpty() || e.paramValue().isPresent();
        if (hasChildren) {
            w.writeStartElement("status");
        } else {
            w.writeEmptyElement("status");
        }
        w.writeAttribute("code", e.code().wire());
        if (e.accessSubcode().isPresent()) {
            w.writeAttribute("subcode", e.accessSubcode().get().wire());
        } else if (e.statusSubcode().isPresent()) {
            w.writeAttribute("subcode", e.statusSubcode().get());
        }
        for (Invalid i : e.invalids()) {
            w.writeEmptyElement("invalid");
            w.writeAttribute("field", i.field());
            w.writeAttribute("type", i.type().wire());
            w.writeAttribute("subcode", i.subcode().wire());
            if (i.min().isPresent()) {
                w.writeAttribute("min", Long.toString(i.min().getAsLong()));
            }
            if (i.max().isPresent()) {
                w.writeAttribute("max", Long.toString(i.max().getAsLong()));
            }
        }
        if (e.paramValue().isPresent()) {
            w.writeEmptyElement("param");
            w.writeAttribute("value", Integer.toString(e.paramValue().getAsInt()));
        }
        if (hasChildren) {
            w.writeEndElement();
        }
    }

    /**
     * Shows any value, also one stored before the faces refused such text, as XML 1.0 can carry it: a
     * character it cannot is written as U+FFFD ({@link XmlText#cleaned}), so one bad name never makes a
     * whole list unparseable. Everything else passes through unchanged.
     */
    private static final class CleanText implements XMLStreamWriter {
        private final XMLStreamWriter w;

        CleanText(XMLStreamWriter w) {
            this.w = w;
        }

        @Override
        public void writeStartElement(String a) throws XMLStreamException {
            w.writeStartElement(a);
        }

        @Override
        public void writeStartElement(String a, String b) throws XMLStreamException {
            w.writeStartElement(a, b);
        }

        @Override
        public void writeStartElement(String a, String b, String c) throws XMLStreamException {
            w.writeStartElement(a, b, c);
        }

        @Override
        public void writeEmptyElement(String a) throws XMLStreamException {
            w.writeEmptyElement(a);
        }

        @Override
        public void writeEmptyElement(String a, String b) throws XMLStreamException {
            w.writeEmptyElement(a, b);
        }

        @Override
        public void writeEmptyElement(String a, String b, String c) throws XMLStreamException {
            w.writeEmptyElement(a, b, c);
        }

        @Override
        public void writeEndElement() throws XMLStreamException {
            w.writeEndElement();
        }

        @Override
        public void writeEndDocument() throws XMLStreamException {
            w.writeEndDocument();
        }

        @Override
        public void close() throws XMLStreamException {
            w.close();
        }

        @Override
        public void flush() throws XMLStreamException {
            w.flush();
        }

        @Override
        public void writeNamespace(String a, String b) throws XMLStreamException {
            w.writeNamespace(a, b);
        }

        @Override
        public void writeDefaultNamespace(String a) throws XMLStreamException {
            w.writeDefaultNamespace(a);
        }

        @Override
        public void writeComment(String a) throws XMLStreamException {
            w.writeComment(a);
        }

        @Override
        public void writeProcessingInstruction(String a) throws XMLStreamException {
            w.writeProcessingInstruction(a);
        }

        @Override
        public void writeProcessingInstruction(String a, String b) throws XMLStreamException {
            w.writeProcessingInstruction(a, b);
        }

        @Override
        public void writeDTD(String a) throws XMLStreamException {
            w.writeDTD(a);
        }

        @Override
        public void writeEntityRef(String a) throws XMLStreamException {
            w.writeEntityRef(a);
        }

        @Override
        public void writeStartDocument() throws XMLStreamException {
            w.writeStartDocument();
        }

        @Override
        public void writeStartDocument(String a) throws XMLStreamException {
            w.writeStartDocument(a);
        }

        @Override
        public void writeStartDocument(String a, String b) throws XMLStreamException {
            w.writeStartDocument(a, b);
        }

        @Override
        public String getPrefix(String a) throws XMLStreamException {
            return w.getPrefix(a);
        }

        @Override
        public void setPrefix(String a, String b) throws XMLStreamException {
            w.setPrefix(a, b);
        }

        @Override
        public void setDefaultNamespace(String a) throws XMLStreamException {
            w.setDefaultNamespace(a);
        }

        @Override
        public void setNamespaceContext(javax.xml.namespace.NamespaceContext a) throws XMLStreamException {
            w.setNamespaceContext(a);
        }

        @Override
        public javax.xml.namespace.NamespaceContext getNamespaceContext() {
            return w.getNamespaceContext();
        }

        @Override
        public Object getProperty(String name) {
            return w.getProperty(name);
        }

        @Override
        public void writeCharacters(String text) throws XMLStreamException {
            w.writeCharacters(XmlText.cleaned(text));
        }

        @Override
        public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
            String t = new String(text, start, len);
            String clean = XmlText.cleaned(t);
            if (clean == t) {
                w.writeCharacters(text, start, len);
            } else {
                w.writeCharacters(clean);
            }
        }

        @Override
        public void writeCData(String data) throws XMLStreamException {
            w.writeCData(XmlText.cleaned(data));
        }

        @Override
        public void writeAttribute(String localName, String value) throws XMLStreamException {
            w.writeAttribute(localName, XmlText.cleaned(value));
        }

        @Override
        public void writeAttribute(String namespaceUri, String localName, String value) throws XMLStreamException {
            w.writeAttribute(namespaceUri, localName, XmlText.cleaned(value));
        }

        @Override
        public void writeAttribute(String prefix, String namespaceUri, String localName, String value)
                throws XMLStreamException {
            w.writeAttribute(prefix, namespaceUri, localName, XmlText.cleaned(value));
        }
    }
}
