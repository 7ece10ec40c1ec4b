package dev.breezeway.principal;

import java.util.Optional;

/** One principal-list row: the principal and, when a membership relation was asked for, whether it holds. */
public record PrincipalRow(Principal principal, Optional<Boolean> isMember) {
}
