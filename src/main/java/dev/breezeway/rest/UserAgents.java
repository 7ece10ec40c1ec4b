package dev.breezeway.rest;

import java.util.Optional;

/** A short description of a User-Agent for the session list, e.g. "Chrome on Windows". */
public final class UserAgents {
    private UserAgents() {
    }

    public static String describe(Optional<String> userAgent) {
        if (userAgent.isEmpty()) {
            return "Unknown client";
        }
        String ua = userAgent.get();
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("Chrome/") ? "Chrome" : ua.contains("Firefox/")
                ? "Firefox" : ua.contains("Safari/") ? "Safari" : ua.contains("curl/") ? "curl"
                : ua.contains("Java-http-client") ? "Java HTTP client" : ua.split("[/ ]")[0];
        String os = ua.contains("Windows") ? "Windows" : ua.contains("Mac OS X") ? "macOS" : ua.contains("Android")
                ? "Android" : ua.contains("iPhone") || ua.contains("iPad") ? "iOS" : ua.contains("Linux") ? "Linux" : "";
        return os.isEmpty() ? browser : browser + " on " + os;
    }
}
