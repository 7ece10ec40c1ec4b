package dev.breezeway.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The options the server adds to a JDBC URL: server-side prepared statements and a socket timeout. */
class DriverDefaultsTest {

    @Test
    void addsPreparedStatementsAndASocketTimeoutOfTheStatementLimitPlusTheMargin() {
        assertThat(Database.withDriverDefaults("jdbc:mariadb://h:3306/db", 10))
                .isEqualTo("jdbc:mariadb://h:3306/db?useServerPrepStmts=true&socketTimeout=13000");
        assertThat(Database.withDriverDefaults("jdbc:mariadb://h:3306/db?sslMode=trust", 2))
                .isEqualTo("jdbc:mariadb://h:3306/db?sslMode=trust&useServerPrepStmts=true&socketTimeout=5000");
    }

    @Test
    void keepsWhatTheUrlSets() {
        String url = "jdbc:mariadb://h:3306/db?useServerPrepStmts=false&socketTimeout=60000";
        assertThat(Database.withDriverDefaults(url, 10)).isEqualTo(url);
    }

    @Test
    void noStatementLimitMeansNoSocketTimeout() {
        assertThat(Database.withDriverDefaults("jdbc:mariadb://h/db", 0))
                .isEqualTo("jdbc:mariadb://h/db?useServerPrepStmts=true");
    }
}
