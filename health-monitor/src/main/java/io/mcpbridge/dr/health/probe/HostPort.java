package io.mcpbridge.dr.health.probe;

/** A {@code host:port} address from configuration. */
record HostPort(String host, int port) {

    static HostPort parse(String text, String target) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("target " + target + ": address must be host:port, got '" + text + "'");
        }
        try {
            return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target " + target + ": port is not a number in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
