package dev.breezeway.principal;

import java.util.Optional;

/**
 * The fields of a person the modern model writes, e.g. name "John Admin", email
 * {@code john@example.com}, and its dynamic properties as a JSON object ({@code {"settings":{…}}}).
 */
public record ModernFields(String name, Optional<String> email, Optional<String> phone, String propertiesJson) {
}
