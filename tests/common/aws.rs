//! Real SDK clients pointed at the moto_server that `scripts/with-moto.sh` started (`KYC_MOTO_ENDPOINT`).

use aws_config::BehaviorVersion;
use aws_sdk_dynamodb::config::Credentials;

pub fn endpoint() -> String {
    std::env::var("KYC_MOTO_ENDPOINT")
        .expect("KYC_MOTO_ENDPOINT is not set: run the tests through `make test` (scripts/with-moto.sh starts moto_server)")
}

pub async fn sdk_config() -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "moto"))
        .load()
        .await
}

pub async fn s3() -> aws_sdk_s3::Client {
    let conf = aws_sdk_s3::config::Builder::from(&sdk_config().await).force_path_style(true).build();
    aws_sdk_s3::Client::from_conf(conf)
}

pub async fn dynamodb() -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::new(&sdk_config().await)
}

/// A fresh bucket and table for one test.
pub async fn fresh_bucket_and_table() -> (aws_sdk_s3::Client, String, aws_sdk_dynamodb::Client, String) {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let (bucket, table) = (format!("kyc-test-{}", &id[..12]), format!("kyc-test-{}", &id[..12]));
    let s3 = s3().await;
    s3.create_bucket().bucket(&bucket).send().await.expect("create bucket");
    let ddb = dynamodb().await;
    kyc::store::aws::DynamoSubmissionStore::create_table(&ddb, &table).await.expect("create table");
    (s3, bucket, ddb, table)
}
