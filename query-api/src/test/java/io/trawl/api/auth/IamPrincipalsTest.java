package io.trawl.api.auth;

import io.trawl.api.protocol.AwsServiceException;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamPrincipalsTest
{
    private static final String ACCOUNT = "123456789012";

    @Test
    void withoutRulesAnIamUserIsItsNameAndAnAssumedRoleItsRole()
    {
        IamPrincipals principals = IamPrincipals.fromEnvironment(Map.of());
        assertThat(principals.caller(identity("arn:aws:iam::%s:user/analytics/ann".formatted(ACCOUNT))).principal()).isEqualTo("ann");
        // the session name is the assuming caller's choice: it names nobody unless a rule trusts it
        assertThat(principals.caller(identity("arn:aws:sts::%s:assumed-role/DataAnalyst/admin".formatted(ACCOUNT))).principal()).isEqualTo("DataAnalyst");
        assertThat(principals.caller(identity("arn:aws:iam::%s:user/ann".formatted(ACCOUNT))).accessKeyId()).isEqualTo("AKIAEXAMPLE");
    }

    @Test
    void rulesAreTriedInOrderWithPlaceholders()
    {
        IamPrincipals principals = IamPrincipals.fromEnvironment(Map.of(IamPrincipals.VARIABLE,
                "arn:aws:sts::%1$s:assumed-role/AWSReservedSSO_*/*={session}; arn:aws:iam::%1$s:user/ci-*=ci;arn:aws:sts::*:assumed-role/Etl,Role=/*=etl-{account}".formatted(ACCOUNT)));
        assertThat(principals.caller(identity("arn:aws:sts::%s:assumed-role/AWSReservedSSO_Analyst_0123abcd/ann@example.com".formatted(ACCOUNT))).principal()).isEqualTo("ann@example.com");
        assertThat(principals.caller(identity("arn:aws:iam::%s:user/ci-nightly".formatted(ACCOUNT))).principal()).isEqualTo("ci");
        assertThat(principals.caller(identity("arn:aws:sts::%s:assumed-role/Etl,Role=/run-7".formatted(ACCOUNT))).principal()).isEqualTo("etl-" + ACCOUNT);
        // no rule matches: the default mapping
        assertThat(principals.caller(identity("arn:aws:iam::%s:user/bob".formatted(ACCOUNT))).principal()).isEqualTo("bob");
    }

    @Test
    void anIdentityThatMapsToNoPrincipalIsRefused()
    {
        IamPrincipals principals = IamPrincipals.fromEnvironment(Map.of(IamPrincipals.VARIABLE, "arn:aws:iam::*:user/*={session}"));
        assertThatThrownBy(() -> principals.caller(identity("arn:aws:iam::%s:root".formatted(ACCOUNT))))
                .isInstanceOfSatisfying(AwsServiceException.class, error -> {
                    assertThat(error.errorType()).isEqualTo("AccessDeniedException");
                    assertThat(error.getMessage()).isEqualTo("IAM identity arn:aws:iam::%s:root maps to no Trawl principal (see TRAWL_IAM_PRINCIPALS)".formatted(ACCOUNT));
                });
        assertThatThrownBy(() -> principals.caller(identity("arn:aws:iam::%s:user/ann".formatted(ACCOUNT))))
                .isInstanceOfSatisfying(AwsServiceException.class, error -> assertThat(error.getMessage())
                        .isEqualTo("IAM identity arn:aws:iam::%s:user/ann has no {session} for the principal '{session}' (see TRAWL_IAM_PRINCIPALS)".formatted(ACCOUNT)));
    }

    @Test
    void malformedRulesAreRefusedAtStartUp()
    {
        assertThatThrownBy(() -> IamPrincipals.fromEnvironment(Map.of(IamPrincipals.VARIABLE, "arn:aws:iam::*:user/*")))
                .isInstanceOf(TrawlException.class)
                .hasMessage("TRAWL_IAM_PRINCIPALS entry 'arn:aws:iam::*:user/*' must be <ARN pattern>=<principal>");
        assertThatThrownBy(() -> IamPrincipals.fromEnvironment(Map.of(IamPrincipals.VARIABLE, "arn:aws:iam::*:user/*={name}")))
                .isInstanceOf(TrawlException.class)
                .hasMessage("TRAWL_IAM_PRINCIPALS entry 'arn:aws:iam::*:user/*={name}' uses {name}; only {user}, {role}, {session} and {account} are known");
    }

    private static IamIdentity identity(String arn)
    {
        return new IamIdentity(arn, "AKIAEXAMPLE");
    }
}
