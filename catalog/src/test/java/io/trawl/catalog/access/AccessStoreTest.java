package io.trawl.catalog.access;

import io.trawl.catalog.lake.FileCatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access model's rules and its one-document store: refusals change nothing, concurrent changes are both kept. */
class AccessStoreTest
{
    @TempDir
    Path root;

    @Test
    void aChangeRacingAnotherIsRetriedOnTopOfIt()
    {
        AccessStore store = new AccessStore(new FileCatalogDocuments(root), Set.of("admin"));
        AtomicBoolean raced = new AtomicBoolean();
        store.update(model -> {
            if (raced.compareAndSet(false, true)) {
                // another administrator's change lands between this change's read and its write
                store.update(other -> other.createPrincipal(Principal.role("other")));
            }
            return model.createPrincipal(Principal.role("mine"));
        });

        assertThat(store.model().roles()).containsExactlyInAnyOrder("mine", "other");
        assertThat(new AccessStore(new FileCatalogDocuments(root), Set.of("admin")).model()).isEqualTo(store.model());
    }

    @Test
    void aRefusedChangeLeavesTheStoredModelAsItWas()
    {
        AccessStore store = new AccessStore(new FileCatalogDocuments(root), Set.of("admin"));
        store.update(model -> model.createPrincipal(Principal.role("a")).createPrincipal(Principal.role("b")).createPrincipal(Principal.role("c"))
                .grantRole(new RoleGrant("a", Principal.role("b"), false))
                .grantRole(new RoleGrant("b", Principal.role("c"), false)));
        AccessModel before = store.model();

        assertThatThrownBy(() -> store.update(model -> model.grantRole(new RoleGrant("c", Principal.role("a"), false))))
                .isInstanceOfSatisfying(TrawlException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Granting role 'c' to Role 'a' would make a cycle of roles");
        assertThat(store.model()).isEqualTo(before);
    }

    @Test
    void droppingARoleTakesItsGrantsAndItsHoldersWithIt()
    {
        AccessModel model = AccessModel.empty(Set.of("admin"))
                .createPrincipal(Principal.user("bob"))
                .createPrincipal(Principal.role("reader"))
                .grant(new Grant(Principal.role("reader"), Privilege.SELECT, "pii", Optional.of("customers"), Optional.empty(), false, "admin"))
                .grantRole(new RoleGrant("reader", Principal.user("bob"), false));
        assertThat(model.allows("bob", Privilege.SELECT, "pii", Optional.of("customers"), Optional.of("ssn"))).isTrue();

        AccessModel dropped = model.dropPrincipal(Principal.role("reader"));
        assertThat(dropped.grants()).isEmpty();
        assertThat(dropped.roleGrants()).isEmpty();
        assertThat(dropped.allows("bob", Privilege.SELECT, "pii", Optional.of("customers"), Optional.of("ssn"))).isFalse();
        assertThat(dropped.allows("ADMIN", Privilege.DROP, "pii", Optional.of("customers"), Optional.empty())).as("administrators, by any case").isTrue();
    }
}
