package de.dos2030.iot.collector.gateways;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

/** H2 by default; the SQL is plain enough for PostgreSQL, selected by {@code datasources.default.dialect}. */
@JdbcRepository(dialect = Dialect.H2)
public interface GatewayRepository extends CrudRepository<Gateway, String> {

    Optional<Gateway> findByTokenHash(String tokenHash);

    List<Gateway> listOrderById();
}
