package de.dos2030.iot.edge.port;

/**
 * How a register chip encodes the first SPI byte (register address and read/write), which differs
 * by vendor. Invertible so that simulated chips can decode what a driver sent.
 */
public enum SpiRegisterFormat {
    /** ADXL355: address in bits 7:1, bit 0 = 1 for read. Multi-byte reads auto-increment. */
    ADXL355 {
        @Override
        public int command(int register, boolean read) {
            return (register << 1) | (read ? 1 : 0);
        }

        @Override
        public int register(int command) {
            return (command & 0xFF) >> 1;
        }

        @Override
        public boolean isRead(int command) {
            return (command & 1) != 0;
        }
    },
    /** Bosch BME280/BMP280: bit 7 = 1 for read, the address in bits 6:0 (bit 7 of the register implied). */
    BOSCH {
        @Override
        public int command(int register, boolean read) {
            return read ? (register | 0x80) : (register & 0x7F);
        }

        @Override
        public int register(int command) {
            return (command & 0x7F) | 0x80;
        }

        @Override
        public boolean isRead(int command) {
            return (command & 0x80) != 0;
        }
    },
    /** ADXL345: bit 7 = read, bit 6 = multi-byte, address in bits 5:0. */
    ADXL345 {
        @Override
        public int command(int register, boolean read) {
            return (read ? 0xC0 : 0x00) | (register & 0x3F);
        }

        @Override
        public int register(int command) {
            return command & 0x3F;
        }

        @Override
        public boolean isRead(int command) {
            return (command & 0x80) != 0;
        }
    };

    public abstract int command(int register, boolean read);

    public abstract int register(int command);

    public abstract boolean isRead(int command);
}
