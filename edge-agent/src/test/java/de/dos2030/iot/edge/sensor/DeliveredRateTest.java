package de.dos2030.iot.edge.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.sensor.adxl345.Adxl345Constants;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Constants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline scales windows and spectra by {@link Driver#deliveredRateHz}; the drivers pick the chips'
 * rate registers themselves. Both must name the same rate, or every frequency is off by their ratio.
 */
class DeliveredRateTest {

    @ParameterizedTest
    @ValueSource(doubles = {1, 3.9, 100, 125, 200, 250, 400, 500, 999, 1000, 3200})
    void thePipelineAndTheAdxl355DriverAgreeOnTheRate(double wanted) {
        assertThat(Driver.ADXL355.deliveredRateHz(wanted))
                .isEqualTo(Adxl355Constants.outputDataRateHz(Adxl355Constants.odrCodeFor(wanted)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {6.25, 100, 200, 400, 500, 800, 3200})
    void thePipelineAndTheAdxl345DriverAgreeOnTheRate(double wanted) {
        assertThat(Driver.ADXL345.deliveredRateHz(wanted))
                .isEqualTo(Adxl345Constants.outputDataRateHz(Adxl345Constants.rateCodeFor(wanted)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {400, 500})
    void anAdxl355AskedFor400HzRunsAt500AndOtherChipsAtTheirConfiguredRate(double wanted) {
        assertThat(Driver.ADXL355.deliveredRateHz(400)).isEqualTo(500);
        assertThat(Driver.ADS1115.deliveredRateHz(wanted)).isEqualTo(wanted);
    }
}
