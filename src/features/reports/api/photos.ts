import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { PHOTO_FORM, ProjectPhotoListSchema, ReportPhotoSchema, photoPaths, type ReportPhoto } from '@/contract/photos'
import { apiGet, apiSend } from '@/lib/api-client'
import { apiSendForm } from '@/lib/api-upload'
import { reportQueries } from './reports'

/** 形象进度照片 (issue 28 §1, decision 81): the project's timeline, and the owner's uploads and deletions. */
export const photoQueries = {
  all: ['photos'] as const,
  /** GET /api/projects/:id/photos: every photo of the project, newest month first, with its report's state. */
  ofProject: (projectId: string) =>
    queryOptions({
      queryKey: [...photoQueries.all, 'project', projectId],
      queryFn: ({ signal }) => apiGet(photoPaths.ofProject(projectId), ProjectPhotoListSchema, undefined, signal),
    }),
}

/**
 * A photo write changes the month's report (its photos, and a report started by the first upload), the month's
 * queue and the project's timeline: those are read again now. It is audited and moves the data version, so the
 * rest is marked stale and read again when next shown (not now: nine uploads would re-read the whole page nine times).
 */
function usePhotoMutation<TInput, TOutput>(mutationFn: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ refetchType: 'none' })
      await Promise.all([queryClient.invalidateQueries({ queryKey: reportQueries.all }), queryClient.invalidateQueries({ queryKey: photoQueries.all })])
    },
  })
}

type Target = { projectId: string; month: string }

/** POST …/reports/:month/photos (multipart: the file and its 图片说明). */
export const useUploadPhoto = () =>
  usePhotoMutation(({ projectId, month, file, caption }: Target & { file: File; caption: string }): Promise<ReportPhoto> => {
    const form = new FormData()
    form.append(PHOTO_FORM.caption, caption)
    form.append(PHOTO_FORM.file, file)
    return apiSendForm(photoPaths.upload(projectId, month), form, ReportPhotoSchema)
  })

/** DELETE …/reports/:month/photos/:photoId (a draft's or a returned report's). */
export const useDeletePhoto = () =>
  usePhotoMutation(({ projectId, month, photoId }: Target & { photoId: string }) => apiSend('DELETE', photoPaths.one(projectId, month, photoId), null, null))
