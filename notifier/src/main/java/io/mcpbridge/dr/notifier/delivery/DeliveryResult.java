package io.mcpbridge.dr.notifier.delivery;

/**
 * How one (notification, channel) ended.
 *
 * @param channel the channel
 * @param failure why it could not be delivered; null when it was (now or before)
 */
public record DeliveryResult(String channel, String failure) {

    static DeliveryResult delivered(String channel) {
        return new DeliveryResult(channel, null);
    }

    static DeliveryResult failed(String channel, String reason) {
        return new DeliveryResult(channel, reason);
    }

    public boolean ok() {
        return failure == null;
    }
}
