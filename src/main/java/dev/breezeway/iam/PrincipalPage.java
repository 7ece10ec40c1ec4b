package dev.breezeway.iam;

import java.util.List;
import java.util.Optional;

/** One keyset page: the items, the ids of the first and last as cursors, and the total matching count. */
public record PrincipalPage(List<IamPrincipal> items, Optional<String> firstCursor, Optional<String> lastCursor,
                            long totalCount) {
}
