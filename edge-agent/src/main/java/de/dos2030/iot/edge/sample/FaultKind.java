package de.dos2030.iot.edge.sample;

/** The classes of sensor fault a driver can tell apart. */
public enum FaultKind {
    /** The device does not acknowledge its address: wiring, power, wrong address. */
    NO_ANSWER,
    /** Something answers, but it is not the configured chip (chip id, serial or register read-back). */
    WRONG_ID,
    /** A data word arrived with a wrong checksum. */
    CRC_MISMATCH,
    /** The chip's own self-test or status word reports an internal error. */
    SELF_TEST_FAILED,
    /** The chip answered with a value that cannot be a measurement (CO2 = 0, a skip sentinel). */
    INVALID_VALUE,
    /** The chip took too long: a conversion never completed, a clock stretch hit the bus timeout, data were lost. */
    TIMEOUT,
    /** A recorded file or column is missing or unreadable (replay sources). */
    SOURCE_UNAVAILABLE,
    /** Any other bus error. */
    BUS_ERROR
}
