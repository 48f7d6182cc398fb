//! Small previews of photographed and scanned documents for the list. A thumbnail is derived
//! data: sealed with its document's key, stored next to the version's object as
//! `<object>.thumb`, and destroyed with it.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, codecs::jpeg::JpegEncoder};

use super::{cipher::DataKey, vault};
use crate::{domain::documents::file_type::FileType, server::state::AppState};

/// Longest side in pixels: sharp at twice the list's 64 CSS pixels, and a few kilobytes.
const SIDE: u32 = 160;
/// Photos above this are not previewed: decoding them would take too much memory at once.
const LARGEST_SOURCE: u64 = 30 * 1024 * 1024;

/// Where a version's thumbnail is stored.
pub fn key_of(object_key: &str) -> String {
    format!("{object_key}.thumb")
}

/// A JPEG preview of a PNG or JPEG, turned upright by its EXIF orientation as phones
/// record it. `None` for anything it cannot or need not decode.
pub fn render(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    // A small file can claim enormous dimensions; these bounds refuse it before decoding.
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().ok()?;
    let mut picture = DynamicImage::from_decoder(decoder).ok()?;
    picture.apply_orientation(orientation);
    let small = picture.thumbnail(SIDE, SIDE).to_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&small)
        .ok()?;
    Some(out)
}

/// Stores a thumbnail for an image version just stored; failures only mean no preview.
pub async fn make(state: &AppState, object_key: &str, key: &DataKey, kind: FileType, size: u64) {
    if !matches!(kind, FileType::Png | FileType::Jpeg) || size > LARGEST_SOURCE {
        return;
    }
    let whole = match vault::read_whole(&state.storage, object_key, key, LARGEST_SOURCE).await {
        Ok(Some(whole)) => whole,
        Ok(None) => return,
        Err(err) => {
            tracing::warn!(error = %err, "a stored image could not be read back for its thumbnail");
            return;
        }
    };
    let Ok(Some(thumb)) = tokio::task::spawn_blocking(move || render(&whole)).await else {
        return;
    };
    let mut source = thumb.as_slice();
    let stored = vault::store(
        &state.storage,
        &key_of(object_key),
        key,
        &mut source,
        LARGEST_SOURCE,
    )
    .await;
    if let Err(err) = stored {
        tracing::warn!(error = %err, "a thumbnail could not be stored");
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbImage};

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, format).expect("encodes");
        out.into_inner()
    }

    #[test]
    fn a_photo_becomes_a_small_jpeg_keeping_its_shape() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg] {
            let thumb = render(&encoded(1200, 800, format)).expect("a thumbnail");
            let back = image::load_from_memory(&thumb).expect("decodes");
            assert_eq!((back.width(), back.height()), (160, 107));
            assert_eq!(
                image::guess_format(&thumb).expect("known"),
                ImageFormat::Jpeg
            );
        }
    }

    #[test]
    fn what_is_not_a_picture_gets_no_thumbnail() {
        assert_eq!(render(b"%PDF-1.7 not a picture"), None);
        let mut cut = encoded(400, 400, ImageFormat::Png);
        cut.truncate(cut.len() / 3);
        assert_eq!(render(&cut), None);
    }

    #[test]
    fn a_picture_with_a_forged_size_is_refused() {
        // A PNG header announcing 100 000 × 100 000 pixels with one pixel of data behind it.
        let mut png = encoded(1, 1, ImageFormat::Png);
        png[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert_eq!(render(&png), None);
    }
}
