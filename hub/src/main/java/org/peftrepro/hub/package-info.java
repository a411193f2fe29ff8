/**
 * Hugging Face Hub access for the suite: downloads models and datasets into the cache that Python's
 * {@code huggingface_hub} uses ({@code $HF_HUB_CACHE}, by default {@code ~/.cache/huggingface/hub}), so files
 * fetched by either side are reused by the other, and serves them from that cache when offline.
 *
 * <p>Entry point: {@link org.peftrepro.hub.HubClient}, configured by {@link org.peftrepro.hub.HubSettings}
 * ({@code HF_HOME}, {@code HF_HUB_CACHE}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE}, {@code HF_ENDPOINT},
 * {@code HF_HUB_DOWNLOAD_TIMEOUT}, {@code HF_HUB_ETAG_TIMEOUT}). Failures are
 * {@link org.peftrepro.hub.HubException}s whose {@link org.peftrepro.hub.HubException.Reason} tells them apart.
 */
package org.peftrepro.hub;
