package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * sco-shortcuts' {@code <shortcuts/>}: Adobe Connect lists the account's SCO trees there as
 * {@code <sco tree-id sco-id type><domain-name/></sco>}; we have no SCOs, so it is always empty.
 */
@XmlRootElement(name = "shortcuts")
@XmlAccessorType(XmlAccessType.FIELD)
public final class ShortcutsXml {
}
