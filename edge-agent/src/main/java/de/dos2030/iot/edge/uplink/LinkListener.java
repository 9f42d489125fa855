package de.dos2030.iot.edge.uplink;

/** Told when an uplink's connection comes up or goes down. Called on the adapter's threads. */
public interface LinkListener {

    void connected(Uplink uplink);

    void disconnected(Uplink uplink, String cause);
}
