package dev.breezeway.xml.model;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;

/**
 * A face's login and password policy, e.g. {@code <account-policy face="xml" version="0"
 * login-is-email="false" password-min-length="4" password-max-length="32" … password-history="0"/>}.
 */
@XmlRootElement(name = "account-policy")
@XmlAccessorType(XmlAccessType.FIELD)
public final class AccountPolicyXml {
    @XmlAttribute(name = "face")
    public String face;
    @XmlAttribute(name = "version")
    public String version;
    @XmlAttribute(name = "login-is-email")
    public String loginIsEmail;
    @XmlAttribute(name = "password-min-length")
    public String minLength;
    @XmlAttribute(name = "password-max-length")
    public String maxLength;
    @XmlAttribute(name = "password-requires-digit")
    public String requireDigit;
    @XmlAttribute(name = "password-requires-capital")
    public String requireUpper;
    @XmlAttribute(name = "password-requires-lower")
    public String requireLower;
    @XmlAttribute(name = "password-special-characters")
    public String specialChars;
    @XmlAttribute(name = "password-refuses-common")
    public String refuseCommon;
    @XmlAttribute(name = "password-expiry-days")
    public String expiryDays;
    @XmlAttribute(name = "password-history")
    public String historyCount;
    @XmlAttribute(name = "mail-chosen-password")
    public String mailChosenPassword;
}
