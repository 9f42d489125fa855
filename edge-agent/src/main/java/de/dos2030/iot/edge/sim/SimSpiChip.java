package de.dos2030.iot.edge.sim;

import de.dos2030.iot.edge.port.BusException;

/** A simulated chip on SPI: one chip-select-framed, full-duplex transfer at a time. */
public interface SimSpiChip {

    String name();

    ChipFaults faults();

    byte[] onTransfer(byte[] tx) throws BusException;
}
