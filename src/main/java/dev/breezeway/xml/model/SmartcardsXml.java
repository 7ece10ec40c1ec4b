package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** user-smartcards-info's {@code <smartcards principal-id><smartcard number label/>…</smartcards>}. */
@XmlRootElement(name = "smartcards")
@XmlAccessorType(XmlAccessType.FIELD)
public final class SmartcardsXml {
    @XmlAttribute(name = "principal-id")
    public String principalId;
    @XmlElement(name = "smartcard")
    public List<Card> cards = new ArrayList<>();

    /** One card. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static final class Card {
        @XmlAttribute(name = "number")
        public String number;
        @XmlAttribute(name = "label")
        public String label;
    }
}
