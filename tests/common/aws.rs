//! Real SDK clients pointed at the moto_server that `scripts/with-moto.sh` started (`KYC_MOTO_ENDPOINT`), with the
//! service's own timeouts and retries.

use aws_sdk_dynamodb::config::Credentials;

pub fn endpoint() -> String {
    std::env::var("KYC_MOTO_ENDPOINT").expect(
        "KYC_MOTO_ENDPOINT is not set: run the tests through `make test` (scripts/with-moto.sh starts moto_server)",
    )
}

pub async fn sdk_config_at(endpoint: &str) -> aws_config::SdkConfig {
    kyc::store::aws::sdk_loader()
        .endpoint_url(endpoint)
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "moto"))
        .load()
        .await
}

pub async fn s3_at(endpoint: &str) -> aws_sdk_s3::Client {
    kyc::store::aws::s3_client(&sdk_config_at(endpoint).await)
}

pub async fn dynamodb_at(endpoint: &str) -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::new(&sdk_config_at(endpoint).await)
}

/// A fresh bucket and table for one test.
pub async fn fresh_bucket_and_table() -> (aws_sdk_s3::Client, String, aws_sdk_dynamodb::Client, String) {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let (bucket, table) = (format!("kyc-test-{}", &id[..12]), format!("kyc-test-{}", &id[..12]));
    let s3 = s3_at(&endpoint()).await;
    s3.create_bucket().bucket(&bucket).send().await.expect("create bucket");
    let ddb = dynamodb_at(&endpoint()).await;
    kyc::store::aws::DynamoSubmissionStore::create_table(&ddb, &table).await.expect("create table");
    (s3, bucket, ddb, table)
}
