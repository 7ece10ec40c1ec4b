package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * {@code mail-template-info}'s answer: {@code <mail-template template="welcome" lang="en" built-in="true">
 * <subject>Your {{account}} account</subject><body-text>…</body-text><body-html>…</body-html></mail-template>}.
 */
@XmlRootElement(name = "mail-template")
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"subject", "bodyText", "bodyHtml"})
public final class MailTemplateXml {
    @XmlAttribute(name = "template")
    public String template;
    @XmlAttribute(name = "lang")
    public String lang;
    @XmlAttribute(name = "built-in")
    public String builtIn;
    @XmlElement(name = "subject")
    public String subject;
    @XmlElement(name = "body-text")
    public String bodyText;
    @XmlElement(name = "body-html")
    public String bodyHtml;
}
