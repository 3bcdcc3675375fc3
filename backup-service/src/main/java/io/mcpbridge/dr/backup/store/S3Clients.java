package io.mcpbridge.dr.backup.store;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The one way this service builds its S3 client. */
public final class S3Clients {

    private S3Clients() {}

    /**
     * @param endpoint    an S3-compatible endpoint, or empty for AWS
     * @param pathStyle   path-style addressing (most S3-compatible servers)
     * @param credentials static credentials or the AWS default chain
     */
    public static S3Client create(
            Optional<URI> endpoint, String region, boolean pathStyle, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .credentialsProvider(credentials)
                // Checksums only where S3 requires them: many S3-compatible servers reject the newer trailers,
                // and the archive carries its own authentication and SHA-256.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
