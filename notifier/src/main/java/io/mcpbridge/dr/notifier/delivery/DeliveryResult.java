package io.mcpbridge.dr.notifier.delivery;

/**
 * How one (notification, channel) ended.
 *
 * @param channel    the channel
 * @param failure    why it could not be delivered; null when it was (now or before)
 * @param handedOver not tried here: its partition moved to another instance, which delivers it
 */
public record DeliveryResult(String channel, String failure, boolean handedOver) {

    static DeliveryResult delivered(String channel) {
        return new DeliveryResult(channel, null, false);
    }

    static DeliveryResult failed(String channel, String reason) {
        return new DeliveryResult(channel, reason, false);
    }

    static DeliveryResult handedOver(String channel) {
        return new DeliveryResult(channel, "handed over to the instance that owns it now", true);
    }

    public boolean ok() {
        return failure == null;
    }
}
