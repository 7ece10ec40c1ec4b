package dev.breezeway.xml;

import javax.xml.stream.XMLInputFactory;

/** The one way request XML is parsed: no DTDs, no external entities, so nothing a document names is fetched. */
final class SafeXml {
    private SafeXml() {
    }

    static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
