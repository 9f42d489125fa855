package de.dos2030.iot.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBoxTest {
    final SecretBox box = new SecretBox(new SecretsConfig("ZG9zLXRlc3Qtc2VjcmV0cy1rZXktZm9yLWl0cy1vbmw="));
    final SecretBox otherKey = new SecretBox(new SecretsConfig("ZG9zLWRldi1zZWNyZXRzLWtleS1kby1ub3QtdXNlISE="));

    @Test
    void opensWhatItSealedAndShowsNothingOfIt() {
        String sealed = box.sealText("whsec_abcdef", "webhook-secret:s1");
        assertThat(sealed).startsWith("v1:").doesNotContain("whsec_").doesNotContain("abcdef");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(box.openText(sealed, "webhook-secret:s1")).isEqualTo("whsec_abcdef");
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTime() {
        assertThat(box.sealText("x", "p")).isNotEqualTo(box.sealText("x", "p"));
    }

    @Test
    void refusesToOpenWithAnotherKey() {
        String sealed = box.sealText("whsec_abcdef", "webhook-secret:s1");
        assertThatThrownBy(() -> otherKey.open(sealed, "webhook-secret:s1"))
                .hasMessageContaining("sealed with another collector.secrets.key");
    }

    @Test
    void refusesToOpenAValueCopiedFromAnotherPlace() {
        String sealed = box.sealText("psk", "gateway-psk:gw-1");
        assertThatThrownBy(() -> box.open(sealed, "gateway-psk:gw-2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAPlainValue() {
        assertThat(SecretBox.isSealed("whsec_abc")).isFalse();
        assertThatThrownBy(() -> box.open("whsec_abc", "p")).hasMessageContaining("not sealed");
    }
}
