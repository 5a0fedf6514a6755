package io.github.meshrefarch.k8s;

/**
 * The five workloads of the walkthrough as the original deploy scripts ran them: Deployment and Service name, what
 * the service reports ({@code SERVICE_NAME}, {@code SERVICE_VERSION}) and the image (one per service, every version
 * runs the same jar).
 */
enum Workload {
    PRODUCT("product", "Product", "1.0", "product-service"),
    CUSTOMER("customer", "Customer", "1.0", "customer-service"),
    ORDER("order", "Order", "1.0", "order-service"),
    PRODUCT_V15("product-v15", "Product", "1.5", "product-service"),
    CUSTOMER_V2("customer-v2", "Customer", "2.0", "customer-service");

    private final String deployment;
    private final String serviceName;
    private final String serviceVersion;
    private final String image;

    Workload(String deployment, String serviceName, String serviceVersion, String image) {
        this.deployment = deployment;
        this.serviceName = serviceName;
        this.serviceVersion = serviceVersion;
        this.image = image;
    }

    String deployment() {
        return deployment;
    }

    String serviceName() {
        return serviceName;
    }

    String serviceVersion() {
        return serviceVersion;
    }

    String image() {
        return image;
    }

    static Workload named(String deployment) {
        for (Workload workload : values()) {
            if (workload.deployment.equals(deployment)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("not a workload of the walkthrough: " + deployment);
    }
}
