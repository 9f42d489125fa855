package de.dos2030.iot.collector.gateways;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/**
 * Queries are generated at compile time for H2; they stay plain SQL without quoted names (see
 * {@link Gateway}), which PostgreSQL runs as well ({@code PostgresIT}).
 */
@JdbcRepository(dialect = Dialect.H2)
public interface GatewayRepository extends CrudRepository<Gateway, String> {

    Optional<Gateway> findByTokenHash(String tokenHash);

    List<Gateway> listOrderById();
}
