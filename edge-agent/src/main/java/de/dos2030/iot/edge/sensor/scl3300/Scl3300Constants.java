package de.dos2030.iot.edge.sensor.scl3300;

import java.time.Duration;

/**
 * Murata SCL3300 inclinometer SPI frames (datasheet 5.1-5.3 and table 13). Operation codes are
 * 32-bit frames: byte 0 = RW (bit 7) | address (bits 6:2) | return status (bits 1:0, MISO only),
 * 16 data bits, CRC-8. Frames below are the datasheet's, CRC included.
 */
public final class Scl3300Constants {

    private Scl3300Constants() {}

    public static final int ADDR_ACC_X = 0x01;
    public static final int ADDR_STO = 0x04;
    public static final int ADDR_TEMP = 0x05;
    public static final int ADDR_STATUS = 0x06;
    public static final int ADDR_ANG_X = 0x09;
    public static final int ADDR_ANG_Y = 0x0A;
    public static final int ADDR_ANG_Z = 0x0B;
    public static final int ADDR_ANG_CTRL = 0x0C;
    public static final int ADDR_MODE = 0x0D;
    public static final int ADDR_WHOAMI = 0x10;
    public static final int ADDR_SELBANK = 0x1F;

    public static final int WHOAMI = 0xC1;

    public static final int FRAME_READ_ANG_X = 0x240000C7;
    public static final int FRAME_READ_ANG_Y = 0x280000CD;
    public static final int FRAME_READ_ANG_Z = 0x2C0000CB;
    public static final int FRAME_READ_STATUS = 0x180000E5;
    public static final int FRAME_READ_WHOAMI = 0x40000091;
    public static final int FRAME_SW_RESET = 0xB4002098;
    public static final int FRAME_MODE_1 = 0xB400001F;
    public static final int FRAME_MODE_4 = 0xB4000338;
    public static final int FRAME_ENABLE_ANGLES = 0xB0001F6F;

    /** Return status (RS) bits of a response. */
    public static final int RS_STARTUP = 0b00;

    public static final int RS_NORMAL = 0b01;
    public static final int RS_ERROR = 0b11;

    /** Angle = d_ANG / 2^14 * 90 degrees. */
    public static final double DEG_PER_LSB = 90.0 / (1 << 14);

    public static final Duration RESET_TIME = Duration.ofMillis(1);
    /** Settling after a mode change into mode 3/4 (inclination modes): 100 ms. */
    public static final Duration MODE_4_SETTLING = Duration.ofMillis(100);
    /** Minimum time between frames (datasheet: 10 us); the bus transfer itself takes longer. */
    public static final int SPI_CLOCK_HZ = 2_000_000;

    public static final int SPI_MODE = 0;
}
