package io.mcpbridge.dr.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check must fail a list that leaves out a class Jackson reaches, however deep, and only then. */
class NativeReflectionCheckTest {

    private static final String HERE = NativeReflectionCheckTest.class.getPackageName();

    @RegisterForReflection(targets = {TargetHealth.class, ProbeKind.class})
    static final class HealthWithoutItsState {}

    @RegisterForReflection(targets = {TargetHealth.class, ProbeKind.class, HealthState.class})
    static final class HealthComplete {}

    @RegisterForReflection(targets = {Incident.class, IncidentState.class, Severity.class})
    static final class IncidentWithoutItsTimeline {}

    static final class NotRegistered {}

    @Test
    void anEnumInAPayloadThatIsNotListedIsMissing() {
        assertThat(NativeReflectionCheck.missingFrom(HealthWithoutItsState.class, List.of(EventType.HEALTH_CHANGED)))
                .containsExactly(HealthState.class.getName());
    }

    @Test
    void aRecordInAListOfAPayloadAndWhatItHoldsAreMissing() {
        assertThat(NativeReflectionCheck.missingFrom(
                        IncidentWithoutItsTimeline.class, List.of(EventType.INCIDENT_UPDATED)))
                .containsExactly(StepOutcome.class.getName(), TimelineEntry.class.getName());
    }

    @Test
    void aCompleteListMissesNothingAndTheJdkTypesOfPayloadsAreNotDemanded() {
        assertThat(NativeReflectionCheck.missingFrom(
                        HealthComplete.class, List.of(EventType.HEALTH_CHANGED, EventType.HEALTH_SNAPSHOT)))
                .isEmpty();
    }

    @Test
    void aClassWithoutTheAnnotationIsRefusedRatherThanReadAsAnEmptyList() {
        assertThatThrownBy(
                        () -> NativeReflectionCheck.missingFrom(NotRegistered.class, List.of(EventType.HEALTH_CHANGED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NotRegistered.class.getName());
    }

    // Payload shapes the events module does not use today, kept in this package so the check can be pointed at them.

    record Parcel(
            String id,
            int weight,
            Instant sentAt,
            Optional<Label> label,
            Stop[] stops,
            Map<String, List<Carrier>> carriers,
            List<? extends Note> notes) {}

    record Label(String text) {}

    record Stop(String place, Instant at) {}

    enum Carrier {
        ROAD,
        AIR
    }

    record Note(String text) {}

    record Shipment(Status status) {
        enum Status {
            OPEN,
            CLOSED
        }
    }

    @RegisterForReflection(targets = Parcel.class)
    static final class ParcelOnly {}

    @RegisterForReflection(targets = {Parcel.class, Label.class, Stop.class, Carrier.class, Note.class})
    static final class ParcelComplete {}

    @RegisterForReflection(targets = Shipment.class)
    static final class ShipmentWithItsNestedClasses {}

    @RegisterForReflection(targets = Shipment.class, ignoreNested = true)
    static final class ShipmentWithoutItsNestedClasses {}

    @Test
    void optionalsArraysMapValuesAndWildcardsAreFollowed() {
        assertThat(NativeReflectionCheck.missingFrom(ParcelOnly.class, List.of(Parcel.class), HERE))
                .containsExactly(
                        Carrier.class.getName(), Label.class.getName(), Note.class.getName(), Stop.class.getName());
        assertThat(NativeReflectionCheck.missingFrom(ParcelComplete.class, List.of(Parcel.class), HERE))
                .isEmpty();
    }

    @Test
    void classesNestedInATargetCountAsRegisteredUnlessTheListIgnoresThem() {
        assertThat(NativeReflectionCheck.missingFrom(ShipmentWithItsNestedClasses.class, List.of(Shipment.class), HERE))
                .isEmpty();
        assertThat(NativeReflectionCheck.missingFrom(
                        ShipmentWithoutItsNestedClasses.class, List.of(Shipment.class), HERE))
                .containsExactly(Shipment.Status.class.getName());
    }
}
